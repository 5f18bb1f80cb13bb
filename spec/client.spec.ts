// createClient: the config validated once, the resources bound, the key never shown.
import { inspect } from 'node:util'
import { lastValueFrom, type Observable } from 'rxjs'
import { createClient } from '../src/client.js'
import { InvalidRequestError } from '../src/errors/InvalidRequestError.js'
import { batchJobBody } from './support/batchJobBody.js'
import { json, startServer } from './support/httpServer.js'

const KEY = 'sk-client-spec-SECRET'

describe('createClient', () => {
  it('throws InvalidRequestError for an invalid config', () => {
    expect(() => createClient({ apiKey: KEY, baseUrl: 'nope' })).toThrow(InvalidRequestError)
  })

  it('tells its config without the key', () => {
    const client = createClient({ apiKey: KEY })
    expect(client.config).toEqual({
      baseUrl: 'https://api.mistral.ai',
      timeoutMs: 60_000,
      retry: {
        maxRetries: 4,
        initialDelayMs: 500,
        maxDelayMs: 30_000,
        maxRetryAfterMs: 120_000,
        jitter: 'full',
      },
      userAgent: 'mistral-batch-rx/0.1.0',
      allowInsecureHttp: false,
      maxJsonBodyBytes: 64 * 1024 * 1024,
      maxResultLineLength: 64 * 1024 * 1024,
      maxPages: 10_000,
    })
    expect(JSON.stringify(client)).not.toContain(KEY)
    expect(inspect(client, { depth: Infinity })).not.toContain(KEY)
  })

  it('gets a batch job from the configured server with the key', async () => {
    const server = await startServer()
    try {
      const job = batchJobBody()
      server.reply(json(200, job))
      const client = createClient({ apiKey: KEY, baseUrl: server.url })
      await expect(lastValueFrom(client.batch.get$(String(job.id)))).resolves.toEqual(job)
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`)
    } finally {
      await server.close()
    }
  })
})

describe('bad input, refused with a typed error before anything is sent', () => {
  const jobId = String(batchJobBody().id)
  const fileId = '6a3f0c1e-7d4b-4c2a-9e8f-1b2c3d4e5f60'
  let server: Awaited<ReturnType<typeof startServer>>
  let client: ReturnType<typeof createClient>
  beforeAll(async () => {
    server = await startServer()
    client = createClient({ apiKey: KEY, baseUrl: server.url })
  })
  afterAll(() => server.close())
  afterEach(() => expect(server.requests).toEqual([]))

  const refusal = async (source: Observable<unknown>): Promise<InvalidRequestError> => {
    try {
      await lastValueFrom(source)
    } catch (error) {
      if (error instanceof InvalidRequestError) return error
      throw error
    }
    throw new Error('expected an InvalidRequestError')
  }

  it.each<[string, () => Observable<unknown>, string | RegExp]>([
    [
      'results$(null)',
      () => client.batch.results$(null as unknown as string),
      'results$: expected a job id or a BatchJob (with id and status), got null',
    ],
    [
      'results$ with idleTimeoutMs -1',
      () => client.batch.results$(jobId, { idleTimeoutMs: -1 }),
      'results$: idleTimeoutMs must be a positive number of milliseconds, got -1',
    ],
    [
      'results$ with an option typo',
      () => client.batch.results$(jobId, { maxResume: 2 } as never),
      'results$ options has an unknown option `maxResume`; did you mean `maxResumes`?',
    ],
    [
      'upload$ of no requests',
      () => client.files.upload$([], { filename: 'a.jsonl' }),
      /^upload\$: the input is empty/,
    ],
    [
      'upload$ of an empty string',
      () => client.files.upload$('', { filename: 'a.jsonl' }),
      /^upload\$: the input is empty/,
    ],
    [
      'upload$ of an empty iterable',
      () => client.files.upload$(new Set(), { filename: 'a.jsonl' }),
      /^upload\$: the input is empty/,
    ],
    [
      'upload$ with a 400-digit expiry',
      () => client.files.upload$('{}\n', { filename: 'a.jsonl', expiry: Number('9'.repeat(300)) }),
      'expiry must be an integer from 1 to 9007199254740991',
    ],
    [
      'upload$ with an option typo',
      () => client.files.upload$('{}\n', { filename: 'a.jsonl', purpse: 'batch' } as never),
      'upload$ options has an unknown option `purpse`; did you mean `purpose`?',
    ],
    [
      'get$ with an option typo',
      () => client.batch.get$(jobId, { inlin: true } as never),
      'get$ options has an unknown option `inlin`; did you mean `inline`?',
    ],
    [
      'cancel$ with an unknown option',
      () => client.batch.cancel$(jobId, { force: true } as never),
      /^cancel\$ options has an unknown option `force`/,
    ],
    [
      'files.download$ with an option typo',
      () => client.files.download$(fileId, { idleTimeout: 5 } as never),
      'files.download$ options has an unknown option `idleTimeout`; did you mean `idleTimeoutMs`?',
    ],
    [
      'list$ with a filter typo',
      () => client.batch.list$({ stauts: ['RUNNING'] } as never),
      'the list filters has an unknown option `stauts`; did you mean `status`?',
    ],
    [
      'create$ with a misspelt field',
      () =>
        client.batch.create$({
          endpoint: '/v1/chat/completions',
          input_files: [fileId],
          timeout_hour: 2,
        } as never),
      'the create request has an unknown option `timeout_hour`; did you mean `timeout_hours`?',
    ],
    [
      'watchJob$ with a deadline past the longest timer',
      () => client.batch.watchJob$(jobId, { deadlineMs: 3e9 }),
      /deadlineMs must be at most 2147483647 ms/,
    ],
    [
      'runBatch$ with an option typo',
      () =>
        client.runBatch$([{ body: {} }], {
          job: { endpoint: '/v1/embeddings' },
          maxRequestPerJob: 5,
        } as never),
      'runBatch$ options has an unknown option `maxRequestPerJob`; did you mean `maxRequestsPerJob`?',
    ],
    [
      'resumeBatch$ with an option typo',
      () => client.resumeBatch$([jobId], { expectedIds: [] } as never),
      /^resumeBatch\$ options has an unknown option `expectedIds`; did you mean `expectedCustomIds`\?$/,
    ],
  ])('%s', async (_what, source, message) => {
    const error = await refusal(source())
    if (typeof message === 'string') expect(error.message).toBe(message)
    else expect(error.message).toMatch(message)
  })

  it('refuses a batcher option typo when the batcher is made', () => {
    expect(() =>
      client.batcher({ job: { endpoint: '/v1/embeddings' }, maxBatch: 5 } as never),
    ).toThrow('batcher options has an unknown option `maxBatch`; did you mean `maxBatchSize`?')
  })
})
