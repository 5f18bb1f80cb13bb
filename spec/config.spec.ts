// resolveConfig: defaults, validation, and the key kept out of sight.
import { inspect } from 'node:util'
import crossFetch from 'cross-fetch'
import { asyncScheduler } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { DEFAULT_RETRY, resolveConfig, type ClientConfig } from '../src/config.js'
import { InvalidRequestError } from '../src/errors/InvalidRequestError.js'

const KEY = 'sk-config-spec-SECRET'

const rejection = (config: ClientConfig): InvalidRequestError => {
  try {
    resolveConfig(config)
  } catch (error) {
    if (error instanceof InvalidRequestError) return error
    throw error
  }
  throw new Error('expected an InvalidRequestError')
}

describe('resolveConfig', () => {
  const savedKey = process.env.MISTRAL_API_KEY
  afterEach(() => {
    if (savedKey === undefined) delete process.env.MISTRAL_API_KEY
    else process.env.MISTRAL_API_KEY = savedKey
  })

  it('fills in every default', () => {
    const config = resolveConfig({ apiKey: KEY })
    expect(config).toEqual({
      baseUrl: 'https://api.mistral.ai',
      fetch: expect.any(Function),
      timeoutMs: 60_000,
      retry: {
        maxRetries: 4,
        initialDelayMs: 500,
        maxDelayMs: 30_000,
        maxRetryAfterMs: 120_000,
        jitter: 'full',
        random: Math.random,
      },
      headers: {},
      userAgent: 'mistral-batch-rx/0.1.0',
      scheduler: asyncScheduler,
      allowInsecureHttp: false,
    })
    expect(config.apiKey).toBe(KEY)
  })

  it("defaults to the platform's fetch", async () => {
    const seen: string[] = []
    const original = globalThis.fetch
    globalThis.fetch = async (input) => {
      seen.push(String(input))
      return new Response('{}')
    }
    try {
      await resolveConfig({ apiKey: KEY }).fetch('https://api.test/x')
    } finally {
      globalThis.fetch = original
    }
    expect(seen).toEqual(['https://api.test/x'])
  })

  it('falls back to the cross-fetch ponyfill where there is no global fetch', () => {
    const original = globalThis.fetch
    Reflect.deleteProperty(globalThis, 'fetch')
    try {
      expect(resolveConfig({ apiKey: KEY }).fetch).toBe(crossFetch)
    } finally {
      globalThis.fetch = original
    }
  })

  it('keeps the given options', () => {
    const scheduler = new TestScheduler(() => undefined)
    const fetch = async (): Promise<Response> => new Response('{}')
    const config = resolveConfig({
      apiKey: KEY,
      baseUrl: 'https://api.eu.mistral.ai/',
      fetch,
      timeoutMs: 10,
      retry: { maxRetries: 0, jitter: 'equal' },
      headers: { 'x-team': 'a' },
      userAgent: 'app/2',
      scheduler,
    })
    expect(config).toMatchObject({
      baseUrl: 'https://api.eu.mistral.ai',
      fetch,
      timeoutMs: 10,
      retry: { ...DEFAULT_RETRY, maxRetries: 0, jitter: 'equal' },
      headers: { 'x-team': 'a' },
      userAgent: 'app/2',
      scheduler,
    })
  })

  it('falls back to MISTRAL_API_KEY', () => {
    process.env.MISTRAL_API_KEY = 'sk-from-env'
    expect(resolveConfig().apiKey).toBe('sk-from-env')
    expect(resolveConfig({ apiKey: KEY }).apiKey).toBe(KEY)
  })

  it('rejects a missing or empty key', () => {
    delete process.env.MISTRAL_API_KEY
    expect(rejection({}).message).toBe(
      'No API key: pass `apiKey` or set the MISTRAL_API_KEY environment variable',
    )
    expect(rejection({ apiKey: '  ' }).field).toBe('apiKey')
  })

  it('rejects a malformed base URL without echoing it', () => {
    const error = rejection({ apiKey: KEY, baseUrl: `api.mistral.ai/${KEY}` })
    expect(error.message).toBe('baseUrl is not an absolute URL')
    expect(error.field).toBe('baseUrl')
    expect(rejection({ apiKey: KEY, baseUrl: 'ftp://api.test' }).field).toBe('baseUrl')
    expect(rejection({ apiKey: KEY, baseUrl: 'https://u:p@api.test' }).message).toBe(
      'baseUrl must not carry credentials, a query or a fragment',
    )
  })

  it('rejects plain http to a non-loopback host unless allowed', () => {
    expect(rejection({ apiKey: KEY, baseUrl: 'http://api.test' }).message).toMatch(
      /^baseUrl uses plain http: to api\.test/,
    )
    expect(
      resolveConfig({ apiKey: KEY, baseUrl: 'http://api.test', allowInsecureHttp: true }).baseUrl,
    ).toBe('http://api.test')
  })

  it.each(['http://localhost:8080', 'http://127.0.0.1:3000/proxy', 'http://[::1]:9000'])(
    'accepts plain http to the loopback host %s',
    (baseUrl) => {
      expect(resolveConfig({ apiKey: KEY, baseUrl }).baseUrl).toBe(baseUrl)
    },
  )

  it('rejects impossible numbers', () => {
    expect(rejection({ apiKey: KEY, timeoutMs: 0 }).field).toBe('timeoutMs')
    expect(rejection({ apiKey: KEY, retry: { maxRetries: -1 } }).field).toBe('retry.maxRetries')
    expect(rejection({ apiKey: KEY, retry: { maxRetries: 1.5 } }).field).toBe('retry.maxRetries')
    expect(rejection({ apiKey: KEY, retry: { initialDelayMs: Number.NaN } }).field).toBe(
      'retry.initialDelayMs',
    )
  })

  it('never shows the key when printed', () => {
    const config = resolveConfig({ apiKey: KEY })
    expect(JSON.stringify(config)).not.toContain(KEY)
    expect(inspect(config, { depth: Infinity })).not.toContain(KEY)
    expect(Object.keys(config)).not.toContain('apiKey')
  })
})
