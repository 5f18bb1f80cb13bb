// withoutRedirects: uploads refuse redirects (a streamed body cannot be replayed, and following
// one makes Node's fetch keep every chunk sent); the key stays hidden.
import { lastValueFrom } from 'rxjs'
import { NetworkError } from '../../src/errors/index.js'
import { upload$ } from '../../src/files/upload.js'
import { withoutRedirects } from '../../src/files/withoutRedirects.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { startServer, type Reply, type TestServer } from '../support/httpServer.js'
import { TEST_API_KEY, testContext } from '../support/httpContext.js'

const redirect: Reply = (_req, res) => {
  res.writeHead(307, { location: '/v1/elsewhere' })
  res.end()
}

let server: TestServer
let ctx: HttpContext

beforeEach(async () => {
  server = await startServer()
  ctx = testContext(server.url)
})
afterEach(() => server.close())

describe('withoutRedirects', () => {
  it("sends every request with redirect: 'error', the rest of the init unchanged", async () => {
    const seen: Array<RequestInit | undefined> = []
    const recording = testContext(server.url, {
      fetch: (input, init) => {
        seen.push(init)
        return fetch(input, init)
      },
    })
    server.reply(redirect)
    await withoutRedirects(recording)
      .config.fetch(`${server.url}/x`, { method: 'POST', body: 'b' })
      .catch(() => undefined)
    expect(seen).toEqual([{ method: 'POST', body: 'b', redirect: 'error' }])
  })

  it('keeps the API key usable but out of JSON and enumeration', () => {
    const { config } = withoutRedirects(ctx)
    expect(config.apiKey).toBe(TEST_API_KEY)
    expect(Object.keys(config)).not.toContain('apiKey')
    expect(JSON.stringify(config)).not.toContain(TEST_API_KEY)
    expect(config.baseUrl).toBe(ctx.config.baseUrl)
  })

  it.each([
    ['text', '{"body":{}}\n'],
    ['requests', [{ body: {} }]],
  ])('makes a redirected upload of %s a NetworkError, never followed', async (_kind, input) => {
    server.reply(redirect)
    await expect(
      lastValueFrom(upload$(ctx, input, { filename: 'r.jsonl' })),
    ).rejects.toBeInstanceOf(NetworkError)
    expect(server.requests.map((request) => request.url)).toEqual(['/v1/files'])
  })
})
