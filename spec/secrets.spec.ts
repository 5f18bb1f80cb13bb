// The API key, whatever characters it holds, in no error of any path: config, HTTP, network, decode, result lines.
import { inspect } from 'node:util'
import { lastValueFrom, toArray } from 'rxjs'
import { createClient, type MistralBatchClient } from '../src/client.js'
import type { ClientConfig, FetchLike } from '../src/config.js'
import { batchJobBody, succeededJob } from './support/batchJobBody.js'
import { json, startServer, text, type Reply, type TestServer } from './support/httpServer.js'

const FILE_ID = '6a3f0c1e-7d4b-4c2a-9e8f-1b2c3d4e5f60'

/** Keys a header can carry, each with characters that escape differently in JSON, URLs and regexps. */
const SENDABLE_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['plain', 'sk-plainKEY0123456789abcdef'],
  ['JSON escapes', 'sk-"quoted"\\back\\slash-0123'],
  ['URL escapes', 'sk-%2F+/=&?#<>!$*()~-0123456'],
  ['regexp metacharacters', 'sk-.*+?^${}()|[]-0123456789'],
  ['a long one cut by excerpts', `sk-${'L0ng'.repeat(60)}`],
]

/** Keys no header can carry: createClient refuses them, never quoting them. */
const UNSENDABLE_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['a newline', 'sk-line\nbreakSECRET0123'],
  ['CRLF', 'sk-line\r\nbreakSECRET0123'],
  ['NUL', 'sk-nul\u0000SECRET0123'],
  ['an escape character', 'sk-esc\u001b[31mSECRET0123'],
  ['DEL', 'sk-del\u007fSECRET0123'],
  ['Latin-1', 'sk-latinéSECRET0123'],
  ['non-Latin-1', 'sk-日本SECRET0123'],
  ['an emoji', 'sk-😀SECRET0123'],
  ['surrounding spaces', ' sk-spacedSECRET0123 '],
]

/** Every way a key could show: as it is, JSON-escaped, percent-encoded, or the half of it an excerpt could keep. */
const traces = (key: string): string[] => {
  const forms = [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), key.trim()]
  if (key.length >= 24) forms.push(key.slice(0, Math.floor(key.length / 2)))
  return [...new Set(forms)]
}

/** Every view of `value` a user or a logger gets: message, stack, JSON and inspect. */
const views = (value: unknown): string => {
  const error = value as { message?: string; stack?: string }
  return [
    String(error.message),
    String(error.stack),
    JSON.stringify(value),
    inspect(value, { depth: Infinity, showHidden: true }),
  ].join('\n')
}

const expectNoKey = (value: unknown, key: string): void => {
  const shown = views(value)
  for (const trace of traces(key)) {
    if (shown.includes(trace)) {
      throw new Error(`the key (as ${JSON.stringify(trace)}) shows in:\n${shown}`)
    }
  }
}

const failureOf = async (run: () => Promise<unknown>): Promise<unknown> => {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

/** A reply made from the Authorization header the server received: the key echoed back. */
const echo =
  (make: (key: string) => Reply): Reply =>
  (req, res) => {
    const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '')
    make(key)(req, res)
  }

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

const clientWith = (apiKey: string, overrides: ClientConfig = {}): MistralBatchClient =>
  createClient({ apiKey, baseUrl: server.url, retry: { maxRetries: 0 }, ...overrides })

describe.each(UNSENDABLE_KEYS)('an API key holding %s', (_what, key) => {
  it('is refused by createClient with a typed error that never quotes it', () => {
    const error = (() => {
      try {
        createClient({ apiKey: key, baseUrl: server.url })
      } catch (thrown) {
        return thrown
      }
      throw new Error('expected createClient to throw')
    })()
    expect(error).toMatchObject({ _tag: 'InvalidRequestError', field: 'apiKey' })
    expectNoKey(error, key)
  })

  it('is refused from MISTRAL_API_KEY too', () => {
    const saved = process.env.MISTRAL_API_KEY
    process.env.MISTRAL_API_KEY = key
    try {
      expect(() => createClient({ baseUrl: server.url })).toThrow(
        /cannot be sent in an HTTP header/,
      )
    } finally {
      if (saved === undefined) delete process.env.MISTRAL_API_KEY
      else process.env.MISTRAL_API_KEY = saved
    }
  })
})

describe.each(SENDABLE_KEYS)('an API key with %s', (_what, key) => {
  const jobId = String(batchJobBody().id)

  it('never shows in an HttpError whose body, request id and rate-limit headers echo it', async () => {
    server.reply(
      echo((k) =>
        json(
          429,
          { message: `key ${k} is rate limited`, request_id: k },
          {
            'x-request-id': `req-${k}`,
            'x-ratelimit-limit-requests': k,
          },
        ),
      ),
    )
    const error = await failureOf(() => lastValueFrom(clientWith(key).batch.get$(jobId)))
    expect(error).toMatchObject({ _tag: 'HttpError', status: 429 })
    expectNoKey(error, key)
  })

  it('never shows in a DecodeError of a 2xx body that is not JSON', async () => {
    server.reply(echo((k) => text(200, `<html>Welcome, ${k}</html>`)))
    const error = await failureOf(() => lastValueFrom(clientWith(key).batch.get$(jobId)))
    expect(error).toMatchObject({ _tag: 'DecodeError' })
    expectNoKey(error, key)
  })

  it('never shows in a DecodeError of JSON that does not fit, in its message or paths', async () => {
    server.reply(echo((k) => json(200, batchJobBody({ status: 7, model: { k }, id: k }))))
    const error = await failureOf(() => lastValueFrom(clientWith(key).batch.get$(jobId)))
    expect(error).toMatchObject({ _tag: 'DecodeError' })
    expectNoKey(error, key)
  })

  it('never shows in a NetworkError whose cause quotes it', async () => {
    const quoting: FetchLike = (_url, init) =>
      Promise.reject(
        new TypeError(
          `Headers.append: "${new Headers(init?.headers).get('authorization')}" is an invalid header value`,
        ),
      )
    const error = await failureOf(() =>
      lastValueFrom(clientWith(key, { fetch: quoting }).batch.get$(jobId)),
    )
    expect(error).toMatchObject({ _tag: 'NetworkError' })
    expect((error as Error).message).toMatch(/\[redacted\]/)
    expectNoKey(error, key)
  })

  it('never shows in the Left of a result line that echoes it, even where an excerpt cuts it', async () => {
    server.reply(
      echo((k) =>
        text(
          200,
          [
            `not json: ${k}`,
            JSON.stringify({ custom_id: 7, response: { status_code: 200, body: { k } }, key: k }),
            `${'x'.repeat(190)}${k}`,
            JSON.stringify({ id: 'r', custom_id: 'ok', response: { status_code: 200, body: {} } }),
          ].join('\n') + '\n',
        ),
      ),
    )
    const lines = await lastValueFrom(
      clientWith(key).batch.results$(succeededJob(FILE_ID)).pipe(toArray()),
    )
    expect(lines.map((line) => line._tag)).toEqual(['Left', 'Left', 'Left', 'Right'])
    for (const line of lines.slice(0, 3)) expectNoKey(line._tag === 'Left' && line.left, key)
  })

  it('never shows in an HttpError or a DecodeError whose JSON escapes it', async () => {
    const escaped = (k: string): string =>
      JSON.stringify(k).replace(
        /[a-z/]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
    server.reply(
      echo((k) => (_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' })
        res.end(`{"message": ${escaped(k)}}`)
      }),
      echo((k) => (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(`{"id": ${escaped(k)}, "status": 5}`)
      }),
    )
    const http = await failureOf(() => lastValueFrom(clientWith(key).batch.get$(jobId)))
    expect(http).toMatchObject({ _tag: 'HttpError', status: 401 })
    expectNoKey(http, key)
    const decode = await failureOf(() => lastValueFrom(clientWith(key).batch.get$(jobId)))
    expect(decode).toMatchObject({ _tag: 'DecodeError' })
    expectNoKey(decode, key)
  })

  it('never shows in an error of an upload', async () => {
    server.reply(echo((k) => json(400, { message: `no: ${k}`, request_id: k })))
    const error = await failureOf(() =>
      lastValueFrom(clientWith(key).files.upload$('{"body":{}}\n', { filename: 'a.jsonl' })),
    )
    expect(error).toMatchObject({ _tag: 'HttpError', status: 400 })
    expectNoKey(error, key)
  })

  it('never shows in an error of a create', async () => {
    server.reply(echo((k) => json(500, { message: `no: ${k}` })))
    const error = await failureOf(() =>
      lastValueFrom(
        clientWith(key).batch.create$({
          endpoint: '/v1/chat/completions',
          model: 'm',
          requests: [{ body: { messages: [] } }],
        }),
      ),
    )
    expect(error).toMatchObject({ _tag: 'HttpError', status: 500 })
    expectNoKey(error, key)
  })
})

describe('a proxy token set as the authorization header', () => {
  it('is masked like the key', async () => {
    const token = 'proxy-token-0123456789SECRET'
    server.reply(echo((k) => json(401, { message: `bad token ${k}` })))
    const error = await failureOf(() =>
      lastValueFrom(
        clientWith('sk-unused-0123', {
          headers: { Authorization: `Bearer ${token}` },
        }).batch.get$(String(batchJobBody().id)),
      ),
    )
    expect(error).toMatchObject({ _tag: 'HttpError', status: 401 })
    expectNoKey(error, token)
  })
})
