// The answers of runs against the emulator: typed bodies, structured outputs, usage, cost.
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { filter, lastValueFrom, toArray } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import type { ResultLine } from '../../src/batch/resultLine'
import { ChatCompletionResponse } from '../../src/codecs/endpoints/chat'
import { isInvalidRequestError } from '../../src/errors/index'
import { ResultLineError } from '../../src/errors/ResultLineError'
import type { BatchEvent, CompletedEvent } from '../../src/run/BatchEvent'
import { isCompletedEvent } from '../../src/run/batchEventGuards'
import { expectType, type Equals } from '../support/typeEquals'
import { usageOfLines } from '../support/usageOfLines'
import { chatBody, clientFor, collect, FAST_WATCH } from './support/runFixtures'

const CHAT = {
  job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
  watch: FAST_WATCH,
} as const

const Answer = t.type({ answer: t.string }, 'Answer')
type Answer = t.TypeOf<typeof Answer>
const Scored = t.type({ answer: t.string, score: t.number }, 'Scored')

/** A request for a structured answer, in the wire's `response_format` of a JSON schema. */
const jsonRequest = (i: number) => ({
  custom_id: `json-${i}`,
  body: {
    ...chatBody(i),
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'answer',
        schema: {
          type: 'object',
          properties: { answer: { type: 'string' } },
          required: ['answer'],
          additionalProperties: false,
        },
        strict: true,
      },
    },
  },
})
const proseRequest = (i: number) => ({ custom_id: `prose-${i}`, body: chatBody(i) })

const resultsOf = <B, C>(events: ReadonlyArray<BatchEvent<B, C>>) =>
  events.flatMap((event) => (event.type === 'result' ? [event] : []))
const completedOf = <B, C>(events: ReadonlyArray<BatchEvent<B, C>>): CompletedEvent => {
  const completed = events.find(isCompletedEvent)
  if (completed === undefined) throw new Error('no completed event')
  return completed
}

describe('the answers of runBatch$, resumeBatch$ and the batcher', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())

  it('decodes the bodies with `body`, typing the result events; a body that does not fit is a decode Left', async () => {
    const requests = Array.from({ length: 12 }, (_, i) => proseRequest(i))
    const events = await collect(
      clientFor(emulator).runBatch$(requests, { ...CHAT, body: ChatCompletionResponse }),
    )
    const results = resultsOf(events)
    type Line = E.Either<ResultLineError, ResultLine<ChatCompletionResponse>>
    expectType<Equals<(typeof results)[number]['result'], Line>>(true)
    const answers = results.flatMap((event) =>
      E.isRight(event.result) && !event.result.right.failed
        ? [event.result.right.response.body.choices[0]?.message?.content]
        : [],
    )
    expect(answers).toHaveLength(12)
    expect(answers.every((content) => typeof content === 'string' && content.length > 0)).toBe(true)

    const Fingerprinted = t.type({ system_fingerprint: t.string }, 'Fingerprinted')
    const jobIds = completedOf(events).jobs.map((job) => job.id)
    const misfits = resultsOf(
      await collect(clientFor(emulator).resumeBatch$(jobIds, { body: Fingerprinted })),
    )
    expect(misfits).toHaveLength(12)
    for (const event of misfits) {
      if (E.isRight(event.result)) throw new Error('expected a Left')
      expect(event.result.left.reason).toBe('decode')
      expect(event.result.left.paths).toEqual([
        'system_fingerprint: expected string, got undefined',
      ])
      expect(event).toMatchObject({ match: 'first', custom_id: event.result.left.customId })
    }
  })

  it('structured outputs: `content` decodes each JSON answer; prose and misfits are content Lefts with their paths', async () => {
    const requests = [0, 1, 2, 3, 4].flatMap((i) => [jsonRequest(i), proseRequest(i)])
    const events = await collect(
      clientFor(emulator).runBatch$(requests, {
        ...CHAT,
        body: ChatCompletionResponse,
        content: Answer,
      }),
    )
    const byId = new Map(resultsOf(events).map((event) => [event.custom_id, event.result]))
    for (let i = 0; i < 5; i++) {
      const good = byId.get(`json-${i}`)
      if (good === undefined || E.isLeft(good) || good.right.failed) throw new Error(`json-${i}`)
      expectType<Equals<typeof good.right.content, Answer>>(true)
      const text = good.right.response.body.choices[0]?.message?.content
      expect(good.right.content).toEqual(JSON.parse(String(text)))
      const prose = byId.get(`prose-${i}`)
      if (prose === undefined || E.isRight(prose)) throw new Error(`prose-${i} should be a Left`)
      expect(prose.left).toMatchObject({ reason: 'content', paths: [], customId: `prose-${i}` })
      expect(prose.left.detail).toMatch(/^choices\[0\]\.message\.content is not JSON: "/)
    }
    expect(completedOf(events).summary).toMatchObject({
      total: 10,
      succeeded: 5,
      unreadable: 5,
      missing: [],
    })

    // The same jobs read again with a codec the answers do not fit: the path of the mismatch.
    const jobIds = completedOf(events).jobs.map((job) => job.id)
    const misfits = resultsOf(
      await collect(clientFor(emulator).resumeBatch$(jobIds, { content: Scored })),
    ).filter((event) => event.custom_id?.startsWith('json-'))
    expect(misfits).toHaveLength(5)
    for (const { result } of misfits) {
      if (E.isRight(result)) throw new Error('expected a Left')
      expect(result.left.reason).toBe('content')
      expect(result.left.paths).toEqual(['score: expected number, got undefined'])
      expect(result.left.message).toContain(
        'choices[0].message.content did not match Scored: score: expected number, got undefined',
      )
    }
  })

  it('sums the usage of the result lines per model, in the summary and in progress as it streams', async () => {
    // a slow emulator: the small second job ends, and its results stream, while the first runs
    const slow = await startEmulator({ rate: 400, queueDelayMs: 0 })
    const requests = Array.from({ length: 205 }, (_, i) =>
      i % 4 === 0
        ? { body: { ...chatBody(i), model: 'mistral-large-latest' } }
        : i % 10 === 3
          ? { body: { max_tokens: 8 } } // no messages: a failed line, not counted
          : { body: chatBody(i) },
    )
    const events = await collect(
      // the bodies without messages are invalid on purpose, for failed lines: sent unchecked
      clientFor(slow).runBatch$(requests, {
        ...CHAT,
        mode: 'file',
        maxRequestsPerJob: 200,
        validateBodies: false,
      }),
    ).finally(() => slow.close())
    const lines = resultsOf(events).map((event) => event.result)
    const { summary } = completedOf(events)
    expect(summary.usage).toEqual(usageOfLines(lines))
    expect(Object.keys(summary.usage.byModel).sort()).toEqual([
      'ministral-3b-latest',
      'mistral-large-latest',
    ])
    expect(summary.usage.total.requests).toBe(summary.succeeded)
    expect(summary.usage.total.prompt_tokens).toBeGreaterThan(0)
    expect(summary.usage.total.completion_tokens).toBeGreaterThan(0)
    expect(summary).not.toHaveProperty('estimatedCost')
    // each progress event carries the usage of the lines streamed before it
    const progress = events.flatMap((event, at) =>
      event.type === 'progress' ? [{ event, before: resultsOf(events.slice(0, at)) }] : [],
    )
    for (const { event, before } of progress) {
      expect(event.usage).toEqual(usageOfLines(before.map((result) => result.result)))
    }
    expect(progress.some(({ before }) => before.length > 0)).toBe(true)
  })

  it('prices the usage at the batch rate: half the live prices by default, or the batchDiscount given', async () => {
    const client = clientFor(emulator)
    // two runs, each job with its own model, read again together by resumeBatch$
    const runOf = async (model: string, count: number) =>
      completedOf(
        await collect(
          client.runBatch$(
            Array.from({ length: count }, (_, i) => ({
              custom_id: `${model}-${i}`,
              body: chatBody(i),
            })),
            { job: { endpoint: '/v1/chat/completions', model }, watch: FAST_WATCH },
          ),
        ),
      ).jobs.map((job) => job.id)
    const jobIds = [
      ...(await runOf('mistral-small-latest', 8)),
      ...(await runOf('codestral-latest', 5)),
    ]
    const small = { inputPerMTok: 0.1, outputPerMTok: 0.3 }

    const events = await collect(
      client.resumeBatch$(jobIds, { price: { 'mistral-small-latest': small } }),
    )
    const lines = resultsOf(events).map((event) => event.result)
    const { summary } = completedOf(events)
    expect(summary.usage).toEqual(usageOfLines(lines))
    const counts = summary.usage.byModel['mistral-small-latest']!
    expect(counts.requests).toBe(8)
    expect(summary.usage.byModel['codestral-latest']?.requests).toBe(5)
    const live = (counts.prompt_tokens * 0.1 + counts.completion_tokens * 0.3) / 1e6
    expect(summary.estimatedCost?.total).toBeCloseTo(live * 0.5, 15)
    expect(summary.estimatedCost?.byModel).toEqual({
      'mistral-small-latest': summary.estimatedCost?.total,
    })
    expect(summary.estimatedCost?.unpriced).toEqual(['codestral-latest'])
    expect(summary.estimatedCost?.batchDiscount).toBe(0.5)

    const asked: string[] = []
    const discounted = await lastValueFrom(
      client
        .resumeBatch$(jobIds, {
          price: (model) => {
            asked.push(model)
            return model === 'mistral-small-latest' ? small : undefined
          },
          batchDiscount: 0.25,
        })
        .pipe(filter(isCompletedEvent)),
    )
    expect(discounted.summary.estimatedCost?.total).toBeCloseTo(live * 0.75, 15)
    expect(asked.sort()).toEqual(['codestral-latest', 'mistral-small-latest'])
  })

  it('refuses a body, content, price or discount that is wrong, before anything is sent', async () => {
    const client = clientFor(emulator)
    emulator.clearRequests()
    const refusal = async (run: Promise<unknown>) => {
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      )
      if (!isInvalidRequestError(error))
        throw new Error(`expected an InvalidRequestError, got ${String(error)}`)
      return [error.field, error.message]
    }
    const requests = [proseRequest(0)]
    expect(
      await refusal(lastValueFrom(client.runBatch$(requests, { ...CHAT, body: 'chat' as never }))),
    ).toEqual(['body', 'runBatch$: body must be an io-ts decoder'])
    expect(
      await refusal(
        lastValueFrom(
          client.runBatch$(requests, {
            ...CHAT,
            price: { small: { inputPerMTok: -1, outputPerMTok: 1 } },
          }),
        ),
      ),
    ).toEqual([
      'price.small.inputPerMTok',
      'runBatch$: price.small.inputPerMTok must be a number >= 0, got a number',
    ])
    const jobId = '0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f'
    expect(
      await refusal(lastValueFrom(client.resumeBatch$([jobId], { content: 3 as never }))),
    ).toEqual(['content', 'resumeBatch$: content must be an io-ts decoder'])
    expect(
      await refusal(lastValueFrom(client.resumeBatch$([jobId], { batchDiscount: 2 }))),
    ).toEqual(['batchDiscount', 'resumeBatch$: batchDiscount must be a number from 0 to 1, got 2'])
    expect(() => client.batcher({ ...CHAT, body: {} as never })).toThrow(
      'batcher options: body must be an io-ts decoder',
    )
    expect(emulator.requests).toEqual([])
  })

  it('the batcher hands each submitter its result read with `body` and `content`', async () => {
    const batcher = clientFor(emulator).batcher({
      ...CHAT,
      maxWaitMs: 20,
      body: ChatCompletionResponse,
      content: Answer,
    })
    const [good, prose] = await Promise.all([
      lastValueFrom(batcher.submit$(jsonRequest(1).body)),
      lastValueFrom(batcher.submit$(proseRequest(2).body).pipe(toArray())).then(
        (values) => values,
        (error: unknown) => error,
      ),
    ])
    expectType<Equals<typeof good, ResultLine<ChatCompletionResponse, Answer>>>(true)
    if (good.failed) throw new Error('the structured request failed')
    expect(good.content.answer.length).toBeGreaterThan(0)
    expect(good.response.body.model).toBe('ministral-3b-latest')
    // an answer that is not JSON fails its submitter with why
    expect(prose).toBeInstanceOf(ResultLineError)
    expect(prose).toMatchObject({ reason: 'content', customId: '1', paths: [] })
    batcher.close()
  })
})
