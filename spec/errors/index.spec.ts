// The error union: guards that work across realms, and the API key kept out of every error.
import { inspect } from 'node:util'
import { runInNewContext } from 'node:vm'
import { lastValueFrom, type Observable } from 'rxjs'
import { get$ } from '../../src/batch/jobRequests.js'
import { resolveConfig } from '../../src/config.js'
import {
  BatchJobEndedError,
  NoResultError,
  isBatchJobEndedError,
  isNoResultError,
  DecodeError,
  HttpError,
  InvalidRequestError,
  NetworkError,
  PaginationError,
  TimeoutError,
  isDecodeError,
  isHttpError,
  isInvalidRequestError,
  isMistralBatchError,
  isNetworkError,
  isPaginationError,
  isTimeoutError,
} from '../../src/errors/index.js'
import { list$ } from '../../src/files/list.js'
import { closedPort, hang, json, startServer, type TestServer } from '../support/httpServer.js'
import { testContext, TEST_API_KEY } from '../support/httpContext.js'
import { succeededJob } from '../support/batchJobBody.js'

const JOB_ID = '0b5f5a43-8a5e-4d5b-9f5c-2a3c8f6e1d10'

const failure = async (source: Observable<unknown>): Promise<unknown> => {
  try {
    await lastValueFrom(source)
  } catch (error) {
    return error
  }
  throw new Error('expected the observable to fail')
}

describe('type guards', () => {
  const samples = {
    InvalidRequestError: new InvalidRequestError('bad'),
    HttpError: new HttpError({ status: 500, method: 'GET', url: 'https://api.test' }),
    NetworkError: new NetworkError('down', { method: 'GET', url: 'https://api.test' }),
    TimeoutError: new TimeoutError('slow'),
    DecodeError: new DecodeError('bad body', [], []),
    PaginationError: new PaginationError('page 1 repeated', {
      method: 'GET',
      url: 'https://api.test',
      page: 1,
      reason: 'repeated-page',
    }),
    BatchJobEndedError: new BatchJobEndedError(succeededJob(JOB_ID, { status: 'FAILED' })),
    NoResultError: new NoResultError({ customId: 'r-1' }),
  }
  const guards = {
    InvalidRequestError: isInvalidRequestError,
    HttpError: isHttpError,
    NetworkError: isNetworkError,
    TimeoutError: isTimeoutError,
    DecodeError: isDecodeError,
    PaginationError: isPaginationError,
    BatchJobEndedError: isBatchJobEndedError,
    NoResultError: isNoResultError,
  }

  it('each guard accepts its own class only', () => {
    for (const [tag, guard] of Object.entries(guards)) {
      for (const [sampleTag, sample] of Object.entries(samples)) {
        expect([tag, sampleTag, guard(sample)]).toEqual([tag, sampleTag, tag === sampleTag])
      }
    }
  })

  it('isMistralBatchError accepts every member and nothing else', () => {
    expect(Object.entries(samples).filter(([, sample]) => !isMistralBatchError(sample))).toEqual([])
    expect(isMistralBatchError(new Error('plain'))).toBe(false)
    expect(isMistralBatchError({ _tag: 'HttpError' })).toBe(false)
    expect(isMistralBatchError(Object.assign(new Error('x'), { _tag: 'Other' }))).toBe(false)
    expect(isMistralBatchError(null)).toBe(false)
    expect(isMistralBatchError('HttpError')).toBe(false)
  })

  it('recognises an error made in another realm', () => {
    const foreign: unknown = runInNewContext(
      "Object.assign(new Error('from a worker'), { _tag: 'HttpError', status: 503 })",
    )
    expect(foreign instanceof Error).toBe(false)
    expect(isHttpError(foreign)).toBe(true)
    expect(isMistralBatchError(foreign)).toBe(true)
  })
})

describe('the API key', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  const expectNoKey = (error: unknown): void => {
    expect(isMistralBatchError(error)).toBe(true)
    const err = error as Error
    const views = [
      err.message,
      JSON.stringify(err),
      err.stack ?? '',
      inspect(err, { depth: Infinity }),
      inspect(err, { depth: Infinity, showHidden: true }),
    ]
    for (const view of views) expect(view).not.toContain(TEST_API_KEY)
  }

  it('is in no InvalidRequestError', async () => {
    const insecure = (): unknown => {
      try {
        return resolveConfig({ apiKey: TEST_API_KEY, baseUrl: `http://api.test/${TEST_API_KEY}` })
      } catch (error) {
        return error
      }
    }
    expectNoKey(insecure())
    const ctx = testContext(server.url)
    const caught = await failure(get$(ctx, TEST_API_KEY))
    expect(caught).toBeInstanceOf(InvalidRequestError)
    expectNoKey(caught)
  })

  it('is in no HttpError, even when the server echoes it', async () => {
    server.reply(
      json(
        401,
        { message: `Invalid key ${TEST_API_KEY}`, request_id: TEST_API_KEY },
        { 'x-echo-authorization': `Bearer ${TEST_API_KEY}` },
      ),
    )
    const caught = await failure(get$(testContext(server.url), JOB_ID))
    expect(caught).toBeInstanceOf(HttpError)
    expectNoKey(caught)
  })

  it('is in no NetworkError', async () => {
    const port = await closedPort()
    const refused = testContext(`http://127.0.0.1:${port}`, { retry: { maxRetries: 0 } })
    const caught = await failure(get$(refused, JOB_ID))
    expect(caught).toBeInstanceOf(NetworkError)
    expectNoKey(caught)
    const aborted = await failure(get$(refused, JOB_ID, { signal: AbortSignal.abort() }))
    expect(aborted).toBeInstanceOf(NetworkError)
    expectNoKey(aborted)
  })

  it('is in no TimeoutError', async () => {
    server.reply(hang())
    const slow = testContext(server.url, { timeoutMs: 30, retry: { maxRetries: 0 } })
    const caught = await failure(get$(slow, JOB_ID))
    expect(caught).toBeInstanceOf(TimeoutError)
    expectNoKey(caught)
  })

  it('is in no DecodeError', async () => {
    server.reply(json(200, { id: JOB_ID, status: 42 }))
    const caught = await failure(get$(testContext(server.url), JOB_ID))
    expect(caught).toBeInstanceOf(DecodeError)
    expectNoKey(caught)
  })

  it('is in no PaginationError, even when a filter holds it', async () => {
    const file = {
      id: '00000000-0000-4000-8000-000000000001',
      object: 'file',
      bytes: 1,
      created_at: 1_764_000_000,
      filename: 'a.jsonl',
      purpose: 'batch',
      sample_type: 'batch_request',
      source: 'upload',
    }
    const repeated = json(200, { object: 'list', data: [file], total: null })
    server.reply(repeated, repeated)
    const caught = await failure(
      list$(testContext(server.url), { page_size: 1, search: TEST_API_KEY }),
    )
    expect(caught).toBeInstanceOf(PaginationError)
    expectNoKey(caught)
  })
})
