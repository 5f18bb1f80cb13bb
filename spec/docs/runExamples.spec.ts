// Runs the runnable examples of docs/examples/ against a real emulator and checks what they return.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { firstValueFrom, last, lastValueFrom, toArray } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { createClient, isHttpError } from '../../src/index.js'
import { mistralProxy } from '../../docs/examples/angular-backend-proxy.js'
import * as coldObservables from '../../docs/examples/cold-observables.js'
// The jest example registers its own suite (its describe blocks run as this file loads).
import '../../docs/examples/emulator-in-jest.js'
import * as watchAndResults from '../../docs/examples/watch-and-results.js'
import * as runBatch from '../../docs/examples/run-batch.js'
import * as runBatchAnswers from '../../docs/examples/run-batch-answers.js'
import * as usageTotals from '../../docs/examples/usage-totals.js'
import * as resumeBatch from '../../docs/examples/resume-batch.js'
import * as retryFailed from '../../docs/examples/retry-failed.js'
import * as batcher from '../../docs/examples/batcher.js'
import * as eventDrivenBackend from '../../docs/examples/event-driven-backend.js'
import * as durableQueue from '../../docs/examples/durable-queue.js'
import * as gettingStarted from '../../docs/examples/getting-started.js'
import * as readme from '../../docs/examples/readme.js'
import * as nodeFiles from '../../docs/examples/node-files.js'
import * as typedFailures from '../../docs/examples/typed-failures.js'
import * as retriesAndIdempotency from '../../docs/examples/retries-and-idempotency.js'
import * as typedRequests from '../../docs/examples/typed-requests.js'

describe('docs/examples against the emulator', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())

  it('cold-observables: nothing is sent before subscribe, one request per subscription', async () => {
    await expect(coldObservables.main(emulator.url)).resolves.toEqual({ before: 0, after: 2 })
  })

  it('typed-failures: a decode report, a 404 and an invalid id, each described by its tag', async () => {
    const [decoded, missing, notAnId] = await typedFailures.main(emulator.url)
    expect(decoded).toBe(
      'Result line 1 did not match BatchResult: custom_id: expected (string | null), got 7',
    )
    expect(missing).toMatch(
      /^HTTP 404 from GET http:\/\/127\.0\.0\.1:\d+\/v1\/batch\/jobs\/4f0c6a0e-/,
    )
    expect(notAnId).toMatch(/^not sent, jobId is invalid: /)
  })

  it('retries-and-idempotency: one job despite a dropped create, reads retried past 503 and 429', async () => {
    emulator.clearRequests()
    await expect(retriesAndIdempotency.main(emulator.url)).resolves.toEqual({
      sameJob: true,
      jobsCreated: 1,
    })
    const creates = emulator.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/batch/jobs',
    )
    expect(creates).toHaveLength(1)
  })

  it('watch-and-results: the job succeeds, three typed answers, the broken request failed', async () => {
    const { finalStatus, answers, failed } = await watchAndResults.main(emulator.url)
    expect(finalStatus).toBe('SUCCESS')
    expect(Object.keys(answers).sort()).toEqual(['q1', 'q2', 'q3'])
    for (const answer of Object.values(answers)) expect(answer).toMatch(/\w/)
    expect(failed).toEqual([expect.stringMatching(/^broken: status 4\d\d$/)])
  })

  it('run-batch: 250 lazy requests in three shards, every result exactly once', async () => {
    const { log, summary } = await runBatch.main(emulator.url)
    expect(log).toEqual([
      'uploaded shard 0: 100 requests',
      'uploaded shard 1: 100 requests',
      'uploaded shard 2: 50 requests',
      'created job 1 of 3',
      'created job 2 of 3',
      'created job 3 of 3',
      'completed: SUCCESS, SUCCESS, SUCCESS',
    ])
    expect(summary).toMatchObject({ total: 250, received: 250, succeeded: 250, failed: 0 })
    expect(summary).toMatchObject({ missing: [], unexpected: [], duplicates: [], idsKnown: true })
  })

  it('run-batch-answers: three structured answers decoded, their tokens summed and priced at half', async () => {
    const { taglines, usage, estimatedCost } = await runBatchAnswers.main(emulator.url)
    expect(Object.keys(taglines).sort()).toEqual(['chair', 'kettle', 'lamp'])
    for (const tagline of Object.values(taglines)) expect(tagline).toMatch(/\w/)
    const small = usage.byModel['mistral-small-latest']
    expect(small?.requests).toBe(3)
    expect(small?.completion_tokens).toBeGreaterThan(0)
    const live = (small!.prompt_tokens * 0.1 + small!.completion_tokens * 0.3) / 1e6
    expect(estimatedCost?.total).toBeCloseTo(live / 2, 15)
    expect(estimatedCost?.unpriced).toEqual([])
  })

  it('usage-totals: the tokens of three embeddings and their cost, from the same download', async () => {
    const { lines, summary } = await usageTotals.main(emulator.url)
    expect(lines).toBe(3)
    const embed = summary.usage.byModel['mistral-embed']
    expect(embed?.requests).toBe(3)
    expect(embed?.prompt_tokens).toBeGreaterThan(0)
    expect(summary.estimatedCost?.total).toBeCloseTo((embed!.prompt_tokens * 0.1) / 1e6 / 2, 15)
  })

  it('resume-batch: the resumed run reports all 30 results of its three jobs', async () => {
    const { jobs, summary } = await resumeBatch.main(emulator.url)
    expect(jobs).toBe(3)
    expect(summary).toMatchObject({ total: 30, succeeded: 30, missing: [], duplicates: [] })
  })

  it('retry-failed: 500 requests with 10% failing, each once by its last attempt; resumed in round 2', async () => {
    const failing = await startEmulator({
      port: 0,
      rate: Infinity,
      queueDelayMs: 0,
      ...retryFailed.emulatorOptions,
    })
    try {
      const { results, distinct, sentAgain, summary, resumed } = await retryFailed.main(failing.url)
      expect([results, distinct]).toEqual([500, 500])
      expect(sentAgain).toBeGreaterThan(0)
      expect(summary).toMatchObject({ total: 500, retried: sentAgain, missing: [], duplicates: [] })
      expect(summary.attempts).toBeGreaterThan(500 + sentAgain - 1)
      expect(resumed).toMatchObject({ total: 500, missing: [], duplicates: [] })
      expect(resumed.succeeded + resumed.failed).toBe(500)
      // the resumed run made no second job of round 2
      const jobs = await lastValueFrom(
        createClient({ apiKey: 'k', baseUrl: failing.url }).batch.list$().pipe(toArray()),
      )
      // one second round for each run: the resumed run followed the one it was stopped in
      const roundTwo = jobs.filter((job) => job.metadata?.batch_attempt === '2:0/1')
      expect(roundTwo).toHaveLength(2)
    } finally {
      await failing.close()
    }
  })

  it('batcher: three submissions, one inline job, three embeddings', async () => {
    emulator.clearRequests()
    await expect(batcher.main(emulator.url)).resolves.toEqual([1024, 1024, 1024])
    const creates = emulator.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/batch/jobs',
    )
    expect(creates).toHaveLength(1)
  })

  it('event-driven-backend: five reviews in, one job, five outcomes published before stop resolves', async () => {
    emulator.clearRequests()
    const outcomes = await eventDrivenBackend.main(emulator.url)
    expect(outcomes.map((o) => o.reviewId)).toEqual([
      'review-1',
      'review-2',
      'review-3',
      'review-4',
      'review-5',
    ])
    for (const outcome of outcomes) {
      expect(outcome).toEqual({
        reviewId: outcome.reviewId,
        status: 'classified',
        label: expect.stringMatching(/\w/),
      })
    }
    const creates = emulator.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/batch/jobs',
    )
    expect(creates).toHaveLength(1)
  })

  it('getting-started: one answer per inline request, by custom_id', async () => {
    const answers = await gettingStarted.main(emulator.url)
    expect(answers).toHaveLength(2)
    expect(answers.map((a) => a.split(':')[0]).sort()).toEqual(['haiku', 'joke'])
    for (const answer of answers) expect(answer).toMatch(/^\w+: \S/)
  })

  it('typed-requests: typed bodies run, a bad one is refused before sending, or sent unchecked', async () => {
    emulator.clearRequests()
    const { answered, refused, unchecked, listing } = await typedRequests.main(emulator.url)
    expect(answered).toBe(2)
    expect(refused).toEqual({
      field: 'requests[2].body.messages',
      message:
        'requests[2] (custom_id "q-2"): body.messages: missing, expected ' +
        'Array<ChatRequestMessage> (checked as a ChatCompletionRequest, the body of ' +
        '/v1/chat/completions)',
    })
    expect(unchecked).toEqual({ succeeded: 2, failed: 1 })
    expect(listing).toEqual({
      field: 'status[0]',
      message: expect.stringMatching(
        /^status\[0\] "RUNNNING" is not one of .*did you mean RUNNING/,
      ),
    })
    // two runs sent (one job each), the refused run and the listing nothing
    const creates = emulator.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/batch/jobs',
    )
    expect(creates).toHaveLength(2)
    expect(
      emulator.requests.filter((r) => r.method === 'GET' && r.path === '/v1/batch/jobs'),
    ).toEqual([])
  })

  it('readme: answers$ logs the progress and emits one answer per line', async () => {
    const client = createClient({ apiKey: 'local-key', baseUrl: emulator.url })
    const job = await firstValueFrom(
      client.batch.create$(
        {
          endpoint: '/v1/chat/completions',
          model: 'mistral-small-latest',
          requests: [
            { custom_id: 'a', body: { messages: [{ role: 'user', content: 'Hello' }] } },
            // no messages: sent unchecked, the fake model answers it with a failed line
            { custom_id: 'b', body: {} },
          ],
        },
        { validateBodies: false },
      ),
    )
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      const answers = await lastValueFrom(readme.answers$(client, job.id).pipe(toArray()))
      expect(answers.sort()).toEqual([expect.stringMatching(/^a: \S/), 'b: failed'])
      expect(log).toHaveBeenLastCalledWith('SUCCESS 2/2')
    } finally {
      log.mockRestore()
    }
  })

  it('node-files: a file uploaded from disk, the output downloaded to disk, one line per request', async () => {
    const { bytes, lines } = await nodeFiles.main(emulator.url)
    expect(lines).toBe(3)
    expect(bytes).toBeGreaterThan(100)
  })
})

describe('docs/examples/durable-queue: a deploy in the middle of a job', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    // jobs that wait a while: the deploy comes while the job is on the server
    emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 300 })
  })
  afterAll(() => emulator.close())

  it('the old replicas make one job, the new ones collect it: every review classified once', async () => {
    const { log, reviews } = await durableQueue.main(emulator.url)
    expect(log).toEqual([
      'old replica: created a job of 5 requests',
      'deploy: 3 old replicas stopped',
      'new replica: collected a job (SUCCESS): 5 results',
    ])
    expect(reviews.map((review) => review.id)).toEqual([1, 2, 3, 4, 5].map((n) => `review-${n}`))
    for (const review of reviews) {
      expect(review).toEqual({
        id: review.id,
        status: 'classified',
        label: expect.stringMatching(/^(?!failed)\w/),
      })
    }
    const creates = emulator.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/batch/jobs',
    )
    expect(creates).toHaveLength(1)
  })
})

describe('docs/examples/angular-backend-proxy: the browser sends a placeholder, the server its key', () => {
  let emulator: RunningEmulator
  let proxy: Server
  let proxyUrl: string
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      apiKey: 'the-real-key',
      rate: Infinity,
      queueDelayMs: 0,
    })
    const allow = (req: { headers: Record<string, unknown> }) => req.headers['x-session'] === 'ok'
    proxy = createServer(mistralProxy({ apiKey: 'the-real-key', target: emulator.url, allow }))
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve))
    await emulator.close()
  })

  const placeholderClient = (baseUrl: string) =>
    createClient({
      apiKey: 'set-by-the-proxy',
      baseUrl,
      headers: { 'x-session': 'ok' },
      retry: { maxRetries: 0 },
    })

  it('a whole run goes through it: upload, create, polls, the output file downloaded', async () => {
    const requests = ['a', 'b', 'c'].map((id) => ({
      custom_id: id,
      body: { messages: [{ role: 'user' as const, content: `Question ${id}` }] },
    }))
    const completed = await lastValueFrom(
      placeholderClient(`${proxyUrl}/mistral`)
        .runBatch$(requests, {
          job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
          mode: 'file',
          watch: { intervalMs: 20 },
        })
        .pipe(last()),
    )
    expect(completed).toMatchObject({ type: 'completed', summary: { total: 3, succeeded: 3 } })
  })

  it('the placeholder key sent straight to the server is refused with a 401', async () => {
    const error = await firstValueFrom(placeholderClient(emulator.url).batch.list$()).catch(
      (e: unknown) => e,
    )
    expect(isHttpError(error) && error.status).toBe(401)
  })

  it('forwards only allowed requests, to the Batch and Files routes of the target', async () => {
    const status = async (path: string, session = 'ok') =>
      (await fetch(`${proxyUrl}${path}`, { headers: { 'x-session': session } })).status
    expect(await status('/mistral/v1/batch/jobs')).toBe(200)
    expect(await status('/mistral/v1/files')).toBe(200)
    expect(await status('/mistral/v1/batch/jobs', 'signed-out')).toBe(403)
    expect(await status('/mistral/v1/chat/completions')).toBe(404)
    expect(await status('/v1/batch/jobs')).toBe(404)
    expect(await status('/mistral//elsewhere.example/v1/files')).toBe(404)
  })
})
