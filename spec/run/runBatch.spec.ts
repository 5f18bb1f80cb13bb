// runBatch$ against the emulator: file and inline runs, sharding, ids, validation and clean-up.
import * as E from 'fp-ts/Either'
import { firstValueFrom, from, lastValueFrom, Observable, toArray } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { isHttpError, isInvalidRequestError } from '../../src/errors/index'
import type { BatchEvent } from '../../src/run/BatchEvent'
import { call } from '../../packages/emulator/spec/support/emulatorClient'
import { recordingFetch } from '../support/recordingFetch'
import { usageOfLines } from '../support/usageOfLines'
import {
  chatBody,
  chatRequests,
  clientFor,
  collect,
  FAST_WATCH,
  logged,
  ofType,
  typeSequence,
} from './support/runFixtures'

const CHAT = {
  job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
  watch: FAST_WATCH,
} as const

// Every 100th request has no messages: the fake model answers it with a 422 in the error file
// (the runs that send them turn validateBodies off, or the client would refuse them first).
const mixedRequests = (count: number) =>
  chatRequests(count).map((request, i) => (i % 100 === 7 ? { body: { max_tokens: 8 } } : request))

const resultIds = (events: ReadonlyArray<BatchEvent>): string[] =>
  ofType(events, 'result').map((event) => event.custom_id ?? '<null>')

const expectEachIdOnce = (events: ReadonlyArray<BatchEvent>, count: number): void => {
  const ids = resultIds(events)
  expect(ids).toHaveLength(count)
  expect(new Set(ids).size).toBe(count)
  expect([...ids].sort()).toEqual(Array.from({ length: count }, (_, i) => String(i)).sort())
}

const batchFilesLeft = async (emulator: RunningEmulator): Promise<unknown[]> => {
  const { body } = await call(emulator.url, 'GET', '/v1/files?purpose=batch&page_size=100')
  return (body as { data: Array<{ sample_type: string }> }).data.filter(
    (file) => file.sample_type === 'batch_request',
  )
}

describe('runBatch$', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())
  beforeEach(() => emulator.reset())

  it('with streamBody: false, gathers each shard of a one-shot stream into a Blob', async () => {
    const { fetch, calls } = recordingFetch()
    async function* requests() {
      yield* chatRequests(250)
    }
    const events = await collect(
      clientFor(emulator, { fetch }).runBatch$(requests(), {
        ...CHAT,
        mode: 'file',
        maxRequestsPerJob: 100,
        streamBody: false,
      }),
    )
    expect(ofType(events, 'uploaded').map((event) => event.requests)).toEqual([100, 100, 50])
    expect(calls.filter((call) => call.line === 'POST /v1/files')).toHaveLength(3)
    const completed = ofType(events, 'completed')[0]!
    expect(completed.summary).toMatchObject({ succeeded: 250, missing: [], duplicates: [] })
  })

  it('sends nothing before subscribe, and runs once per subscription', async () => {
    const { fetch, calls } = recordingFetch()
    const run$ = clientFor(emulator, { fetch }).runBatch$(chatRequests(3), {
      ...CHAT,
      mode: 'file',
    })
    expect(calls).toEqual([])
    const uploads = () => calls.filter((call) => call.line === 'POST /v1/files').length
    await collect(run$)
    // an upload started by building the run would be a second one here
    expect(calls[0]?.line).toBe('POST /v1/files')
    expect(uploads()).toBe(1)
    await collect(run$)
    expect(uploads()).toBe(2)
    expect(logged(emulator, 'POST', /^\/v1\/files$/)).toHaveLength(2)
  })

  it('runs 3,000 requests in file mode: uploaded, created, progress, 3,000 results, completed', async () => {
    const events = await collect(
      clientFor(emulator).runBatch$(mixedRequests(3000), {
        ...CHAT,
        mode: 'file',
        validateBodies: false,
      }),
    )
    expect(typeSequence(events)).toBe('uploaded created progress result completed')
    const [uploaded] = ofType(events, 'uploaded')
    expect(uploaded).toMatchObject({
      shard: 0,
      requests: 3000,
      file: { purpose: 'batch', num_lines: 3000 },
    })
    const [created] = ofType(events, 'created')
    expect(created?.job.input_files).toEqual([uploaded?.file.id])
    expect(created?.jobIds).toEqual([created?.job.id])
    expectEachIdOnce(events, 3000)
    const results = ofType(events, 'result')
    expect(
      results.filter((event) => event.match !== 'first' || event.index !== Number(event.custom_id)),
    ).toEqual([])
    const failedIds = results
      .filter((event) => E.isRight(event.result) && event.result.right.failed)
      .map((event) => Number(event.custom_id))
    expect(failedIds.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i * 100 + 7),
    )
    const completed = ofType(events, 'completed')[0]
    expect(completed?.jobs.map((job) => job.status)).toEqual(['SUCCESS'])
    expect(completed?.summary).toEqual({
      usage: usageOfLines(results.map((event) => event.result)),
      total: 3000,
      received: 3000,
      succeeded: 2970,
      failed: 30,
      unreadable: 0,
      missing: [],
      unexpected: [],
      duplicates: [],
      idsKnown: true,
    })
    const lastProgress = ofType(events, 'progress').at(-1)
    expect(lastProgress?.totals).toEqual({
      total_requests: 3000,
      completed_requests: 3000,
      succeeded_requests: 2970,
      failed_requests: 30,
    })
  })

  it('runs 3,000 requests inline: no upload, created, progress, 3,000 results, completed', async () => {
    const events = await collect(
      clientFor(emulator).runBatch$(mixedRequests(3000), {
        ...CHAT,
        mode: 'inline',
        validateBodies: false,
      }),
    )
    expect(typeSequence(events)).toBe('created progress result completed')
    expect(logged(emulator, 'POST', /^\/v1\/files$/)).toHaveLength(0)
    expect(ofType(events, 'created')[0]?.job.input_files).toEqual([])
    expectEachIdOnce(events, 3000)
    expect(ofType(events, 'completed')[0]?.summary).toMatchObject({
      total: 3000,
      succeeded: 2970,
      failed: 30,
      missing: [],
    })
  })

  it('keeps given custom_ids and joins each result to its request index', async () => {
    const events = await collect(
      clientFor(emulator).runBatch$(chatRequests(50, true), { ...CHAT, mode: 'file' }),
    )
    const results = ofType(events, 'result')
    expect(results.map((event) => [event.custom_id, event.index]).sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => [`q-${i}`, i]).sort(),
    )
  })

  it("in 'auto' mode sends a small array inline", async () => {
    const events = await collect(clientFor(emulator).runBatch$(chatRequests(20), CHAT))
    expect(typeSequence(events)).toBe('created progress result completed')
    expect(logged(emulator, 'POST', /^\/v1\/files$/)).toHaveLength(0)
  })

  it("in 'auto' mode streams a generator of 10,001 requests into a file, the peeked ones first", async () => {
    function* requests() {
      for (let i = 0; i < 10_001; i++) yield { body: chatBody(i) }
    }
    const events = await collect(clientFor(emulator).runBatch$(requests(), CHAT))
    expect(typeSequence(events)).toBe('uploaded created progress result completed')
    expect(ofType(events, 'uploaded')[0]?.file.num_lines).toBe(10_001)
    expectEachIdOnce(events, 10_001)
  }, 20_000)

  it("in 'auto' mode sends an async iterable of 10,000 requests inline", async () => {
    async function* requests() {
      for (let i = 0; i < 10_000; i++) yield { body: chatBody(i) }
    }
    const events = await collect(clientFor(emulator).runBatch$(requests(), CHAT))
    expect(typeSequence(events)).toBe('created progress result completed')
    expect(ofType(events, 'completed')[0]?.summary.succeeded).toBe(10_000)
  }, 20_000)

  it('shards past maxRequestsPerJob: one file and one job per shard, results merged', async () => {
    const events = await collect(
      clientFor(emulator).runBatch$(from(chatRequests(1000)), {
        ...CHAT,
        mode: 'file',
        maxRequestsPerJob: 300,
      }),
    )
    expect(
      ofType(events, 'uploaded').map((event) => [event.shard, event.requests, event.file.filename]),
    ).toEqual([
      [0, 300, expect.stringMatching(/^batch-requests-[a-z0-9]{12}-0\.jsonl$/i)],
      [1, 300, expect.stringMatching(/^batch-requests-[a-z0-9]{12}-1\.jsonl$/i)],
      [2, 300, expect.stringMatching(/^batch-requests-[a-z0-9]{12}-2\.jsonl$/i)],
      [3, 100, expect.stringMatching(/^batch-requests-[a-z0-9]{12}-3\.jsonl$/i)],
    ])
    const created = ofType(events, 'created')
    expect(created.map((event) => event.jobIds.length)).toEqual([1, 2, 3, 4])
    expect(created.map((event) => event.shards)).toEqual([4, 4, 4, 4])
    expectEachIdOnce(events, 1000)
    const shardOf = new Map(ofType(events, 'result').map((event) => [event.custom_id, event.shard]))
    expect([0, 299, 300, 899, 900, 999].map((i) => shardOf.get(String(i)))).toEqual([
      0, 0, 1, 2, 3, 3,
    ])
    const completed = ofType(events, 'completed')[0]
    expect(completed?.jobs.map((job) => job.total_requests)).toEqual([300, 300, 300, 100])
    expect(completed?.summary).toMatchObject({ total: 1000, succeeded: 1000, missing: [] })
    expect(ofType(events, 'progress').at(-1)?.totals.completed_requests).toBe(1000)
  })

  it('shards past maxFileBytes without splitting a line', async () => {
    const requests = chatRequests(100)
    const lineBytes = Buffer.byteLength(
      JSON.stringify({ custom_id: '10', body: chatBody(10) }) + '\n',
    )
    const events = await collect(
      clientFor(emulator).runBatch$(requests, {
        ...CHAT,
        mode: 'file',
        maxFileBytes: lineBytes * 30,
      }),
    )
    const counts = ofType(events, 'uploaded').map((event) => event.requests)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100)
    expect(counts.length).toBeGreaterThanOrEqual(4)
    for (const event of ofType(events, 'uploaded'))
      expect(event.file.bytes).toBeLessThanOrEqual(lineBytes * 30)
    expectEachIdOnce(events, 100)
  })

  it('shards inline runs at 10,000 requests at most and at maxRequestsPerJob', async () => {
    const events = await collect(
      clientFor(emulator).runBatch$(chatRequests(250), {
        ...CHAT,
        mode: 'inline',
        maxRequestsPerJob: 100,
      }),
    )
    expect(ofType(events, 'created').map((event) => event.shard)).toEqual([0, 1, 2])
    expect(ofType(events, 'completed')[0]?.jobs.map((job) => job.total_requests)).toEqual([
      100, 100, 50,
    ])
    expectEachIdOnce(events, 250)
  })

  describe('custom_ids', () => {
    it('rejects a repeated custom_id of an array before anything is sent', async () => {
      const requests = [...chatRequests(5, true), { custom_id: 'q-2', body: chatBody(9) }]
      const error = await lastValueFrom(clientFor(emulator).runBatch$(requests, CHAT)).catch(
        (e: unknown) => e,
      )
      expect(isInvalidRequestError(error)).toBe(true)
      expect((error as Error).message).toBe(
        'requests[5]: its custom_id "q-2" repeats requests[2].custom_id; custom ids must be unique ' +
          '(ids left out are assigned the request index, so a given id must not be one of those)',
      )
      expect(emulator.requests).toHaveLength(0)
    })

    it('rejects a given id equal to the index assigned to another request', async () => {
      const requests = [
        { body: chatBody(0) },
        { body: chatBody(1) },
        { custom_id: '1', body: chatBody(2) },
      ]
      const error = await lastValueFrom(clientFor(emulator).runBatch$(requests, CHAT)).catch(
        (e: unknown) => e,
      )
      expect((error as Error).message).toMatch(
        /^requests\[2\]: its custom_id "1" repeats the id assigned to requests\[1\]/,
      )
      expect(emulator.requests).toHaveLength(0)
    })

    it('rejects an index that would be assigned an id already given', async () => {
      const requests = [{ custom_id: '1', body: chatBody(0) }, { body: chatBody(1) }]
      const error = await lastValueFrom(clientFor(emulator).runBatch$(requests, CHAT)).catch(
        (e: unknown) => e,
      )
      expect((error as Error).message).toMatch(
        /^requests\[1\]: the custom_id assigned to it "1" repeats requests\[0\].custom_id/,
      )
      expect(emulator.requests).toHaveLength(0)
    })

    it('rejects a repeat deep in a stream: the upload is aborted, no job created, no file left', async () => {
      async function* requests() {
        for (let i = 0; i < 5000; i++)
          yield { custom_id: i === 4000 ? 'id-17' : `id-${i}`, body: chatBody(i) }
      }
      const error = await lastValueFrom(
        clientFor(emulator).runBatch$(requests(), { ...CHAT, mode: 'file' }),
      ).catch((e: unknown) => e)
      expect(isInvalidRequestError(error)).toBe(true)
      expect((error as Error).message).toMatch(
        /^requests\[4000\]: its custom_id "id-17" repeats requests\[17\]/,
      )
      expect(logged(emulator, 'POST', /^\/v1\/batch\/jobs$/)).toHaveLength(0)
      expect(await batchFilesLeft(emulator)).toEqual([])
    })

    it('rejects a repeat in the second shard of a stream: the first shard file is deleted', async () => {
      const requests = new Observable<{ custom_id: string; body: Record<string, unknown> }>(
        (subscriber) => {
          for (let i = 0; i < 300; i++)
            subscriber.next({ custom_id: i === 250 ? 'id-3' : `id-${i}`, body: chatBody(i) })
          subscriber.complete()
        },
      )
      const error = await lastValueFrom(
        clientFor(emulator).runBatch$(requests, { ...CHAT, mode: 'file', maxRequestsPerJob: 200 }),
      ).catch((e: unknown) => e)
      expect(isInvalidRequestError(error)).toBe(true)
      const uploads = logged(emulator, 'POST', /^\/v1\/files$/).filter(
        (request) => request.status === 200,
      )
      expect(uploads).toHaveLength(1)
      expect(logged(emulator, 'DELETE', /^\/v1\/files\//)).toHaveLength(1)
      expect(logged(emulator, 'POST', /^\/v1\/batch\/jobs$/)).toHaveLength(0)
      expect(await batchFilesLeft(emulator)).toEqual([])
    })
  })

  describe('validation before sending', () => {
    const rejects = async (
      requests: unknown,
      options: Record<string, unknown>,
      pattern: RegExp,
    ) => {
      const run$ = clientFor(emulator).runBatch$(
        requests as never,
        { ...CHAT, ...options } as never,
      )
      const error = await firstValueFrom(run$).catch((e: unknown) => e)
      expect(isInvalidRequestError(error)).toBe(true)
      expect((error as Error).message).toMatch(pattern)
      expect(emulator.requests).toHaveLength(0)
    }

    it('rejects an empty input', () => rejects([], {}, /requests is empty/))
    it('rejects an unknown endpoint', () =>
      rejects(
        chatRequests(1),
        { job: { endpoint: '/v1/nope' } },
        /endpoint "\/v1\/nope" is not one of/,
      ))
    it('rejects bad create fields', () =>
      rejects(
        chatRequests(1),
        { job: { ...CHAT.job, timeout_hours: 0 } },
        /timeout_hours must be a whole number/,
      ))
    it('rejects a camelCase job field, naming the wire one', () =>
      rejects(
        chatRequests(1),
        { job: { ...CHAT.job, timeoutHours: 2 } },
        /unknown option `timeoutHours`; did you mean `timeout_hours`\?/,
      ))
    it('rejects a bad mode', () =>
      rejects(chatRequests(1), { mode: 'fast' }, /mode must be 'file', 'inline' or 'auto'/))
    it('rejects a bad maxRequestsPerJob', () =>
      rejects(
        chatRequests(1),
        { maxRequestsPerJob: 0 },
        /maxRequestsPerJob must be an integer >= 1/,
      ))
    it('rejects a request without a body', () =>
      rejects(
        [...chatRequests(1), { custom_id: 'x' }],
        {},
        /^requests\[1\] must be an object with an object `body`/,
      ))
    it('rejects input that is not a source of requests', () =>
      rejects(42, {}, /requests must be an array, an iterable/))
    it('rejects a line longer than maxFileBytes', () =>
      rejects(
        chatRequests(2),
        { mode: 'file', maxFileBytes: 20 },
        /^requests\[0\] takes \d+ bytes as a JSONL line, more than maxFileBytes \(20\)/,
      ))
  })

  describe('failures leave no orphan', () => {
    afterEach(() => emulator.faults.clear())

    it('deletes the uploaded file when its job cannot be created, and ends with the typed error', async () => {
      emulator.faults.set({ rules: [{ route: 'POST /v1/batch/jobs', kind: '500' }] })
      const error = await lastValueFrom(
        clientFor(emulator).runBatch$(chatRequests(10), { ...CHAT, mode: 'file' }),
      ).catch((e: unknown) => e)
      expect(isHttpError(error) && error.status).toBe(500)
      const [upload] = logged(emulator, 'POST', /^\/v1\/files$/)
      expect(upload?.status).toBe(200)
      const deletes = logged(emulator, 'DELETE', /^\/v1\/files\//)
      expect(deletes.map((request) => request.status)).toEqual([200])
      expect(await batchFilesLeft(emulator)).toEqual([])
    })

    it('cancels the jobs already created when a later shard cannot be created', async () => {
      emulator.faults.set({ rules: [{ route: 'POST /v1/batch/jobs', kind: '500', skip: 1 }] })
      const error = await lastValueFrom(
        clientFor(emulator)
          .runBatch$(chatRequests(20), { ...CHAT, mode: 'file', maxRequestsPerJob: 10 })
          .pipe(toArray()),
      ).catch((e: unknown) => e)
      expect(isHttpError(error)).toBe(true)
      expect(logged(emulator, 'POST', /\/cancel$/)).toHaveLength(1)
      expect(logged(emulator, 'DELETE', /^\/v1\/files\//)).toHaveLength(1)
    })

    it('creates nothing when an upload fails', async () => {
      emulator.faults.set({ rules: [{ route: 'POST /v1/files', kind: '500' }] })
      const error = await lastValueFrom(
        clientFor(emulator).runBatch$(chatRequests(10), { ...CHAT, mode: 'file' }),
      ).catch((e: unknown) => e)
      expect(isHttpError(error) && error.status).toBe(500)
      expect(logged(emulator, 'POST', /^\/v1\/batch\/jobs$/)).toHaveLength(0)
    })
  })
})
