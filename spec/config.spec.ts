// resolveConfig: defaults, validation, and the key kept out of sight.
import { inspect } from 'node:util'
import crossFetch from 'cross-fetch'
import { startServer, text } from './support/httpServer.js'
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
      maxJsonBodyBytes: 64 * 1024 * 1024,
      maxResultLineLength: 64 * 1024 * 1024,
      maxPages: 10_000,
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

  it('falls back to the cross-fetch ponyfill where there is no global fetch, loaded at the first request', async () => {
    const server = await startServer()
    server.reply(text(200, 'through cross-fetch'))
    const original = globalThis.fetch
    Reflect.deleteProperty(globalThis, 'fetch')
    try {
      const fallback = resolveConfig({ apiKey: KEY }).fetch
      expect(fallback).not.toBe(crossFetch)
      const answer = await fallback(`${server.url}/x`)
      expect(await answer.text()).toBe('through cross-fetch')
      expect(server.requests.map((request) => request.url)).toEqual(['/x'])
    } finally {
      globalThis.fetch = original
      await server.close()
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

  it.each([
    'http://127.attacker.example',
    'http://127.0.0.1.nip.io',
    'http://localhost.attacker.example',
    'http://app.localhost',
    'http://[::2]',
    'http://128.0.0.1',
  ])('refuses plain http to %s, which is no loopback address', (baseUrl) => {
    expect(rejection({ apiKey: KEY, baseUrl }).message).toMatch(/^baseUrl uses plain http: to /)
  })

  it('reads 127.1 as the loopback literal the URL parser makes of it', () => {
    expect(resolveConfig({ apiKey: KEY, baseUrl: 'http://127.1:8080' }).baseUrl).toBe(
      'http://127.0.0.1:8080',
    )
  })

  it.each(['https://api.mistral.ai/v1', 'https://api.mistral.ai/v1/', 'https://proxy.test/a/V1'])(
    'rejects the base URL %s, whose /v1 every path adds again',
    (baseUrl) => {
      const error = rejection({ apiKey: KEY, baseUrl })
      expect(error.field).toBe('baseUrl')
      expect(error.message).toMatch(/^baseUrl must not end in \/v1: .*; pass 'https:\/\/[^']+'$/)
      expect(error.message).not.toMatch(/\/v1'$/i)
    },
  )

  it.each([
    ['a newline', 'sk-abc\ndef'],
    ['a carriage return', 'sk-abc\r\ndef'],
    ['NUL', 'sk-abc\u0000def'],
    ['a tab', 'sk-abc\tdef'],
    ['DEL', 'sk-abc\u007fdef'],
    ['a Latin-1 letter', 'sk-abcédef'],
    ['a non-Latin-1 letter', 'sk-abc日本def'],
    ['an emoji', 'sk-abc😀def'],
    ['a trailing space', 'sk-abcdef '],
  ])('rejects an API key holding %s, without quoting it', (_what, apiKey) => {
    const error = rejection({ apiKey })
    expect(error.field).toBe('apiKey')
    expect(error.message).toMatch(/cannot be sent in an HTTP header/)
    for (const text of [error.message, JSON.stringify(error), inspect(error), error.stack ?? '']) {
      expect(text).not.toContain('abc')
    }
  })

  it.each([
    ['a number', 12345, 'apiKey must be a string, got a number'],
    ['an object', { key: 'sk' }, 'apiKey must be a string, got an object'],
  ])('rejects an API key that is %s with a typed error', (_what, apiKey, message) => {
    expect(rejection({ apiKey } as unknown as ClientConfig).message).toBe(message)
  })

  it.each([null, 42, 'sk-key', []])('rejects a config that is %p', (config) => {
    const error = rejection(config as unknown as ClientConfig)
    expect(error.field).toBe('config')
    expect(error.message).toMatch(/^config must be an object, got /)
  })

  it.each([
    [{ maxRetry: 3 }, 'retry has an unknown option `maxRetry`; did you mean `maxRetries`?'],
    [{ jiter: 'none' }, 'retry has an unknown option `jiter`; did you mean `jitter`?'],
  ])('names the closest known key of a retry typo %p', (retry, message) => {
    expect(rejection({ apiKey: KEY, retry } as unknown as ClientConfig).message).toBe(message)
  })

  it('names the closest known key of a config typo, and lists the keys when none is close', () => {
    expect(rejection({ apiKey: KEY, timeout: 5 } as unknown as ClientConfig).message).toBe(
      'config has an unknown option `timeout`; did you mean `timeoutMs`?',
    )
    expect(rejection({ apiKey: KEY, zzzzzzzz: 1 } as unknown as ClientConfig).message).toMatch(
      /^config has an unknown option `zzzzzzzz`; known options: apiKey, baseUrl, /,
    )
  })

  it('never echoes an unknown key that does not look like a name', () => {
    const error = rejection({ apiKey: KEY, [`Bearer ${KEY}`]: 1 } as unknown as ClientConfig)
    expect(error.message).not.toContain(KEY)
    expect(error.message).toMatch(/a key that is not an option name/)
    expect(JSON.stringify(error)).not.toContain(KEY)
  })

  it.each([
    [{ timeoutMs: 1e12 }, 'timeoutMs'],
    [{ timeoutMs: 2 ** 31 }, 'timeoutMs'],
    [{ retry: { maxDelayMs: 3e9 } }, 'retry.maxDelayMs'],
    [{ retry: { maxRetryAfterMs: 1e10 } }, 'retry.maxRetryAfterMs'],
    [{ retry: { initialDelayMs: 2 ** 32 } }, 'retry.initialDelayMs'],
  ])('rejects a duration past the longest timer: %p', (config, field) => {
    const error = rejection({ apiKey: KEY, ...config } as ClientConfig)
    expect(error.field).toBe(field)
    expect(error.message).toMatch(/must be at most 2147483647 ms/)
  })

  it('accepts the longest duration a timer holds', () => {
    expect(resolveConfig({ apiKey: KEY, timeoutMs: 2 ** 31 - 1 }).timeoutMs).toBe(2 ** 31 - 1)
  })

  it.each([
    [{ scheduler: {} }, 'scheduler'],
    [{ scheduler: 'async' }, 'scheduler'],
    [{ retry: { random: 0.5 } }, 'retry.random'],
    [{ retry: { maxRetries: 1e6 } }, 'retry.maxRetries'],
    [{ headers: { 'x-a': 1 } }, 'headers'],
    [{ headers: { 'x-a': 'b\nc' } }, 'headers'],
    [{ headers: { 'x a': 'b' } }, 'headers'],
    [{ headers: 'x-a: 1' }, 'headers'],
    [{ userAgent: 'app\n1' }, 'userAgent'],
    [{ allowInsecureHttp: 'yes' }, 'allowInsecureHttp'],
    [{ maxJsonBodyBytes: 0 }, 'maxJsonBodyBytes'],
    [{ maxResultLineLength: 1.5 }, 'maxResultLineLength'],
    [{ maxPages: -1 }, 'maxPages'],
  ])('rejects %p with a typed error naming the field', (config, field) => {
    expect(rejection({ apiKey: KEY, ...config } as unknown as ClientConfig).field).toBe(field)
  })
})
