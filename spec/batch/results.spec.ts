// results$ against the emulator: output and error files, include, inline jobs, typed bodies,
// wait, unfinished jobs, and downloads broken by injected faults.
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { lastValueFrom, take, toArray, type Observable } from 'rxjs'
import { results$ } from '../../src/batch/results.js'
import type { ResultLine, ResultLineEither } from '../../src/batch/resultLine.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import { ChatCompletionResponse } from '../../src/codecs/endpoints/chat.js'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import { NetworkError } from '../../src/errors/NetworkError.js'
import { ResultLineError } from '../../src/errors/ResultLineError.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import {
  call,
  chatJsonl,
  isTerminal,
  upload,
  waitForJob,
  type Job,
} from '../../packages/emulator/spec/support/emulatorClient.js'
import { createClient } from '../../src/client.js'
import { TEST_API_KEY, testContext } from '../support/httpContext.js'

const CHAT = '/v1/chat/completions'
const MODEL = 'mistral-small-latest'
/** Two lines the emulator cannot process: they go to the error file. */
const BAD_LINES = 'this is not json\n' + JSON.stringify({ custom_id: 'no-body' }) + '\n'

const collect = <A>(stream: Observable<A>): Promise<A[]> => lastValueFrom(stream.pipe(toArray()))
const rights = <B>(lines: ResultLineEither<B>[]): ResultLine<B>[] =>
  lines.filter(E.isRight).map((line) => line.right)
const lefts = <B>(lines: ResultLineEither<B>[]): ResultLineError[] =>
  lines.filter(E.isLeft).map((line) => line.left)
/** What identifies a line for exactly-once checks. */
const keyOf = (line: ResultLineEither<unknown>): string =>
  E.isRight(line)
    ? `${line.right.source}:${line.right.lineNumber}:${line.right.custom_id ?? ''}`
    : `left:${line.left.source}:${line.left.lineNumber}`

describe('results$ against the emulator', () => {
  let emulator: RunningEmulator
  let ctx: HttpContext
  /** A finished file job of 120 good requests and the 2 bad lines. */
  let fileJob: Job
  /** A finished inline job of 5 good requests and 1 without a body. */
  let inlineJob: Job

  const createJob = async (body: Record<string, unknown>): Promise<Job> =>
    (await call(emulator.url, 'POST', '/v1/batch/jobs', { endpoint: CHAT, model: MODEL, ...body }))
      .body as Job

  const finishedFileJob = async (jsonl: string): Promise<Job> => {
    const file = (await upload(emulator.url, jsonl)).body as { id: string }
    const job = await createJob({ input_files: [file.id] })
    return waitForJob(emulator.url, job.id, isTerminal)
  }

  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
    ctx = testContext(emulator.url)
    fileJob = await finishedFileJob(chatJsonl(60) + BAD_LINES + chatJsonl(60, 60))
    const requests = [
      ...Array.from({ length: 5 }, (_, i) => ({
        custom_id: `in-${i}`,
        body: { messages: [{ role: 'user', content: `Inline ${i}` }] },
      })),
      { custom_id: 'in-bad', body: { messages: 'not a list' } },
    ]
    const created = await createJob({ requests })
    inlineJob = await waitForJob(emulator.url, created.id, isTerminal)
  })
  afterEach(() => emulator.faults.clear())
  afterAll(() => emulator.close())

  const downloads = (): number =>
    emulator.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/content')).length

  it('sends nothing before it is subscribed', () => {
    emulator.clearRequests()
    results$(ctx, fileJob.id)
    expect(emulator.requests).toEqual([])
  })

  it('streams the output file, then the error file, each line tagged where it was found', async () => {
    expect(fileJob.status).toBe('SUCCESS')
    const lines = await collect(results$(ctx, fileJob.id))
    expect(lefts(lines)).toEqual([])
    const results = rights(lines)
    const outputs = results.filter((r) => r.source === 'output')
    const errors = results.filter((r) => r.source === 'error')
    expect(results.map((r) => r.source)).toEqual([
      ...Array<string>(120).fill('output'),
      ...Array<string>(2).fill('error'),
    ])
    expect(outputs.map((r) => r.lineNumber)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    expect(new Set(outputs.map((r) => r.custom_id))).toEqual(
      new Set(Array.from({ length: 120 }, (_, i) => String(i))),
    )
    expect(outputs.filter((r) => r.fileId !== fileJob.output_file || r.failed)).toEqual([])
    expect(errors.map((r) => [r.fileId, r.lineNumber, r.failed])).toEqual([
      [fileJob.error_file, 1, true],
      [fileJob.error_file, 2, true],
    ])
    expect(errors.map((r) => r.custom_id).sort()).toEqual([null, 'no-body'].sort())
    expect(errors[0]?.response?.status_code).toBe(400)
  })

  it('keeps every wire field of a line as the file has it', async () => {
    const [first] = rights(await collect(results$(ctx, fileJob.id, { include: 'outputs' })))
    const text = (await call(emulator.url, 'GET', `/v1/files/${fileJob.output_file}/content`)).text
    const wire = JSON.parse(text.split('\n')[0] ?? '') as Record<string, unknown>
    const { source, fileId, lineNumber, failed, ...fields } = first as ResultLine & {
      failed: boolean
    }
    expect(fields).toEqual(wire)
    expect([source, fileId, lineNumber, failed]).toEqual(['output', fileJob.output_file, 1, false])
  })

  it('takes a job it is given without fetching it again', async () => {
    const job = (await call(emulator.url, 'GET', `/v1/batch/jobs/${fileJob.id}`)).body as BatchJob
    emulator.clearRequests()
    const lines = await collect(results$(ctx, job, { include: 'errors' }))
    expect(lines).toHaveLength(2)
    expect(emulator.requests.map((r) => r.path)).toEqual([
      `/v1/files/${fileJob.error_file}/content`,
    ])
  })

  it("include: 'outputs' and 'errors' stream one file each", async () => {
    emulator.clearRequests()
    const outputs = await collect(results$(ctx, fileJob.id, { include: 'outputs' }))
    const errors = await collect(results$(ctx, fileJob.id, { include: 'errors' }))
    expect(rights(outputs).map((r) => r.source)).toEqual(Array<string>(120).fill('output'))
    expect(rights(errors).map((r) => r.source)).toEqual(['error', 'error'])
    expect(downloads()).toBe(2)
  })

  it('rejects an include it does not know, sending nothing', async () => {
    emulator.clearRequests()
    const options = { include: 'everything' } as unknown as { include: 'all' }
    await expect(collect(results$(ctx, fileJob.id, options))).rejects.toThrow(
      "include must be 'all', 'outputs' or 'errors'",
    )
    expect(emulator.requests).toEqual([])
  })

  it('streams the outputs of an inline job, fetched with inline=true', async () => {
    emulator.clearRequests()
    const lines = await collect(results$(ctx, inlineJob.id))
    expect(emulator.requests.map((r) => r.query.inline ?? 'none')).toEqual(['none', 'true'])
    const results = rights(lines)
    expect(results).toHaveLength(6)
    expect(results.filter((r) => r.source !== 'inline' || r.fileId !== null)).toEqual([])
    expect(results.map((r) => r.lineNumber)).toEqual([1, 2, 3, 4, 5, 6])
    expect(results.filter((r) => r.failed).map((r) => r.custom_id)).toEqual(['in-bad'])
    const errorsOnly = rights(await collect(results$(ctx, inlineJob.id, { include: 'errors' })))
    expect(errorsOnly.map((r) => r.custom_id)).toEqual(['in-bad'])
    const outputsOnly = rights(await collect(results$(ctx, inlineJob.id, { include: 'outputs' })))
    expect(outputsOnly.map((r) => r.custom_id).sort()).toEqual([
      'in-0',
      'in-1',
      'in-2',
      'in-3',
      'in-4',
    ])
  })

  it('decodes the bodies of succeeded results with the body codec', async () => {
    const lines = await collect(results$(ctx, fileJob.id, { body: ChatCompletionResponse }))
    expect(lefts(lines)).toEqual([])
    const succeeded = rights(lines).flatMap((r) => (r.failed ? [] : [r]))
    expect(succeeded).toHaveLength(120)
    for (const result of succeeded) {
      expect(result.response.body.object).toBe('chat.completion')
      expect(typeof result.response.body.choices[0]?.message?.content).toBe('string')
    }
  })

  it("makes a succeeded line whose body does not fit the codec a 'decode' Left, and goes on", async () => {
    const Embeddings = t.type({ object: t.literal('list'), data: t.array(t.unknown) }, 'Embeddings')
    const lines = await collect(results$(ctx, fileJob.id, { body: Embeddings }))
    const errors = lefts(lines)
    expect(errors).toHaveLength(120)
    expect(errors[0]).toBeInstanceOf(ResultLineError)
    expect(errors[0]).toMatchObject({
      source: 'output',
      fileId: fileJob.output_file,
      lineNumber: 1,
      reason: 'decode',
    })
    expect(errors[0]?.message).toContain('response.body did not match Embeddings: object:')
    expect(errors[0]?.excerpt.length).toBeLessThanOrEqual(201)
    // failed lines keep an untyped body, so the error file still reads
    expect(rights(lines).map((r) => r.source)).toEqual(['error', 'error'])
  })

  it.each(['RUNNING', 'CANCELLATION_REQUESTED', 'PAUSED'])(
    'fails a %s job, naming its status and the wait option, without a request',
    async (status) => {
      const job: BatchJob = { ...(fileJob as unknown as BatchJob), status }
      emulator.clearRequests()
      const error: unknown = await collect(results$(ctx, job)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidRequestError)
      expect((error as Error).message).toContain(`job ${fileJob.id} is ${status}, not finished`)
      expect((error as Error).message).toContain('pass { wait: true }')
      expect(emulator.requests).toEqual([])
    },
  )

  it('with wait: true, watches the job to its end, then streams its results', async () => {
    const slow = await startEmulator({ rate: 400, queueDelayMs: 50 })
    try {
      const slowCtx = testContext(slow.url)
      const file = (await upload(slow.url, chatJsonl(40))).body as { id: string }
      const created = (
        await call(slow.url, 'POST', '/v1/batch/jobs', {
          input_files: [file.id],
          endpoint: CHAT,
          model: MODEL,
        })
      ).body as Job
      const client = createClient({ apiKey: TEST_API_KEY, baseUrl: slow.url })
      const options = { wait: true, watch: { intervalMs: 20, backoff: 1 } } as const
      const [direct, viaClient] = await Promise.all([
        collect(results$(slowCtx, created.id, options)),
        collect(client.batch.results$(created.id, options)),
      ])
      expect(rights(direct)).toHaveLength(40)
      expect(viaClient.map(keyOf)).toEqual(direct.map(keyOf))
      const polls = slow.requests.filter((r) => r.path === `/v1/batch/jobs/${created.id}`)
      expect(polls.length).toBeGreaterThan(2)
    } finally {
      await slow.close()
    }
  })

  it('stops reading when the consumer leaves', async () => {
    emulator.clearRequests()
    const lines = await collect(results$(ctx, fileJob.id).pipe(take(3)))
    expect(rights(lines).map((r) => [r.source, r.lineNumber])).toEqual([
      ['output', 1],
      ['output', 2],
      ['output', 3],
    ])
    expect(downloads()).toBe(1)
  })

  describe('a download broken by a fault', () => {
    let reference: string[]
    beforeAll(async () => {
      reference = (await collect(results$(ctx, fileJob.id))).map(keyOf)
    })

    it.each([
      ['reset-mid-body', 0.3],
      ['reset-mid-body', 0.77],
      ['truncate', 0.5],
      ['truncate', 0.91],
    ] as const)('%s at %s is resumed: every line once, as without the fault', async (kind, at) => {
      emulator.faults.set({
        rules: [{ route: 'GET /v1/files/:id/content', kind, cutAtFraction: at, times: 2 }],
      })
      emulator.clearRequests()
      const lines = await collect(results$(ctx, fileJob.id))
      expect(lines.map(keyOf)).toEqual(reference)
      expect(lefts(lines)).toEqual([])
      expect(emulator.faults.injected).toHaveLength(2)
      expect(downloads()).toBe(4)
    })

    it('ends with the NetworkError once maxResumes is spent', async () => {
      emulator.faults.set({
        rules: [{ route: 'GET /v1/files/:id/content', kind: 'truncate', cutAtFraction: 0.5 }],
      })
      const seen: ResultLineEither<unknown>[] = []
      const error: unknown = await new Promise((resolve) =>
        results$(ctx, fileJob.id, { maxResumes: 2 }).subscribe({
          next: (line) => seen.push(line),
          error: resolve,
        }),
      )
      expect(error).toBeInstanceOf(NetworkError)
      expect(downloads()).toBeGreaterThanOrEqual(3)
      // lines before the cut came once, and nothing after it
      expect(new Set(seen.map(keyOf)).size).toBe(seen.length)
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.length).toBeLessThan(120)
    })
  })
})
