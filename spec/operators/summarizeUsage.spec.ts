// summarizeUsage over results$: the totals of the lines once the stream ends, priced or not.
import * as E from 'fp-ts/Either'
import { defer, filter, lastValueFrom, of, share, toArray, zip } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import type { ResultLine, ResultLineEither } from '../../src/batch/resultLine'
import { createClient, type MistralBatchClient } from '../../src/client'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError'
import { summarizeUsage } from '../../src/operators/summarizeUsage'
import { isCompletedEvent } from '../../src/run/batchEventGuards'
import { TEST_API_KEY } from '../support/httpContext'
import { usageOfLines } from '../support/usageOfLines'

const WATCH = { intervalMs: 20, backoff: 1, maxIntervalMs: 20 } as const

const chatLine = (model: string, prompt: number, completion: number): ResultLineEither =>
  E.right({
    custom_id: 'x',
    response: {
      status_code: 200,
      body: {
        model,
        usage: {
          prompt_tokens: prompt,
          completion_tokens: completion,
          total_tokens: prompt + completion,
        },
      },
    },
    error: null,
    source: 'output',
    fileId: null,
    lineNumber: 1,
    failed: false,
  } as ResultLine)

describe('summarizeUsage', () => {
  let emulator: RunningEmulator
  let client: MistralBatchClient
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
    client = createClient({ apiKey: TEST_API_KEY, baseUrl: emulator.url })
  })
  afterAll(() => emulator.close())

  /** The finished jobs of a run of `bodies` to `endpoint`. */
  const finishedJobs = async (endpoint: string, bodies: Array<Record<string, unknown>>) => {
    const run$ = client.runBatch$(
      bodies.map((body) => ({ body })),
      // some bodies are invalid on purpose, for failed lines: sent unchecked
      {
        job: { endpoint, model: 'mistral-small-latest' },
        mode: 'file',
        watch: WATCH,
        validateBodies: false,
      },
    )
    return (await lastValueFrom(run$.pipe(filter(isCompletedEvent)))).jobs
  }

  it('emits once, at the end, the usage summed over the lines of results$, per model', async () => {
    const bodies = Array.from({ length: 30 }, (_, i) =>
      i % 7 === 2
        ? { max_tokens: 8 }
        : {
            messages: [{ role: 'user', content: `Question ${i}` }],
            ...(i % 3 === 0 ? { model: 'mistral-large-latest' } : {}),
          },
    )
    const [job] = await finishedJobs('/v1/chat/completions', bodies)
    const lines$ = client.batch.results$(job!).pipe(share())
    const [lines, summaries] = await lastValueFrom(
      zip(lines$.pipe(toArray()), lines$.pipe(summarizeUsage(), toArray())),
    )
    expect(lines).toHaveLength(30)
    expect(summaries).toEqual([{ usage: usageOfLines(lines) }])
    expect(Object.keys(summaries[0]!.usage.byModel).sort()).toEqual([
      'mistral-large-latest',
      'mistral-small-latest',
    ])
    expect(summaries[0]!.usage.total.requests).toBe(30 - 4)
  })

  it('counts the pages of OCR answers and prices them per thousand', async () => {
    const document = { type: 'document_url', document_url: 'https://example.com/a.pdf' }
    const [job] = await finishedJobs(
      '/v1/ocr',
      Array.from({ length: 4 }, () => ({ model: 'mistral-ocr-latest', document })),
    )
    const lines = await lastValueFrom(client.batch.results$(job!).pipe(toArray()))
    const summary = await lastValueFrom(
      of(...lines).pipe(
        summarizeUsage({
          price: {
            'mistral-ocr-latest': { inputPerMTok: 0, outputPerMTok: 0, perThousandPages: 1 },
          },
        }),
      ),
    )
    const pages = usageOfLines(lines).total.pages_processed
    expect(pages).toBeGreaterThanOrEqual(4)
    expect(summary.usage.total.pages_processed).toBe(pages)
    expect(summary.estimatedCost?.total).toBeCloseTo((pages / 1000) * 0.5, 15)
  })

  it('prices each model, naming the ones without a price', async () => {
    const summary = await lastValueFrom(
      of(chatLine('small', 1_000_000, 2_000_000), chatLine('other', 5, 5)).pipe(
        summarizeUsage({
          price: { small: { inputPerMTok: 1, outputPerMTok: 3 } },
          batchDiscount: 0.5,
        }),
      ),
    )
    expect(summary.estimatedCost).toEqual({
      total: (1 + 2 * 3) / 2,
      byModel: { small: (1 + 2 * 3) / 2 },
      unpriced: ['other'],
      batchDiscount: 0.5,
    })
  })

  it('counts each subscription alone, and rejects a wrong option before subscribing the source', async () => {
    let subscriptions = 0
    const source$ = defer(() => {
      subscriptions++
      return of(chatLine('small', 1, 1))
    })
    const summarized$ = source$.pipe(summarizeUsage())
    expect(subscriptions).toBe(0)
    await lastValueFrom(summarized$)
    const again = await lastValueFrom(summarized$)
    expect(again.usage.total.requests).toBe(1)
    expect(subscriptions).toBe(2)
    const wrong = lastValueFrom(source$.pipe(summarizeUsage({ batchDiscount: 3 })))
    await expect(wrong).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(
      lastValueFrom(source$.pipe(summarizeUsage({ prices: {} } as never))),
    ).rejects.toThrow(
      'summarizeUsage options has an unknown option `prices`; did you mean `price`?',
    )
    expect(subscriptions).toBe(2)
  })

  it('passes an error of the source on, emitting nothing', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
    scheduler.run(({ cold, expectObservable }) => {
      const failure = new Error('download failed')
      const lines = cold('-a-#', { a: chatLine('small', 1, 1) }, failure)
      expectObservable(lines.pipe(summarizeUsage())).toBe('---#', undefined, failure)
      expectObservable(cold('-a-|', { a: chatLine('small', 1, 1) }).pipe(summarizeUsage())).toBe(
        '---(s|)',
        { s: { usage: usageOfLines([chatLine('small', 1, 1)]) } },
      )
    })
  })
})
