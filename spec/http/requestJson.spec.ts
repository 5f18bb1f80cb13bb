// requestJson$: the body parsed and decoded inside the request, decode failures as DecodeError.
import * as t from 'io-ts'
import { gzipSync } from 'node:zlib'
import { lastValueFrom } from 'rxjs'
import { DecodeError } from '../../src/errors/DecodeError.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import type { RequestSpec } from '../../src/http/request.js'
import { requestJson$ } from '../../src/http/requestJson.js'
import { json, startServer, text, type TestServer } from '../support/httpServer.js'
import { testContext } from '../support/httpContext.js'

const Thing = t.type({ id: t.string, count: t.number }, 'Thing')
const spec: RequestSpec = { method: 'GET', path: '/v1/things/1', retry: 'safe' }

let server: TestServer
let ctx: HttpContext

beforeEach(async () => {
  server = await startServer()
  ctx = testContext(server.url)
})
afterEach(() => server.close())

describe('requestJson$', () => {
  it('emits the decoded body and asks for JSON', async () => {
    server.reply(json(200, { id: 'a', count: 2, extra: true }))
    await expect(lastValueFrom(requestJson$(ctx, spec, Thing))).resolves.toEqual({
      id: 'a',
      count: 2,
      extra: true,
    })
    expect(server.requests[0]?.headers.accept).toBe('application/json')
  })

  it('gives a DecodeError naming the path, and does not retry it', async () => {
    server.reply(json(200, { id: 'a', count: 'two' }), json(200, { id: 'a', count: 2 }))
    const failure = lastValueFrom(requestJson$(ctx, spec, Thing))
    await expect(failure).rejects.toBeInstanceOf(DecodeError)
    await expect(failure).rejects.toMatchObject({
      message: expect.stringMatching(
        new RegExp(`^Response of GET ${server.url}/v1/things/1 did not match Thing: count: `),
      ),
    })
    expect(server.requests).toHaveLength(1)
  })

  it('gives a DecodeError for a body that is not JSON', async () => {
    server.reply(text(200, '<html>oops</html>'))
    const failure = lastValueFrom(requestJson$(ctx, spec, Thing))
    await expect(failure).rejects.toBeInstanceOf(DecodeError)
    await expect(failure).rejects.toMatchObject({
      message: `Response of GET ${server.url}/v1/things/1 is not JSON: got "<html>oops</html>"`,
    })
  })
})

describe('requestJson$ and maxJsonBodyBytes', () => {
  it('stops reading a gzip bomb at the cap, counted after inflating, with a DecodeError', async () => {
    const inflated = Buffer.alloc(8 * 1024 * 1024, 0x20)
    const bomb = gzipSync(inflated)
    server.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      res.end(bomb)
    })
    const capped = testContext(server.url, { maxJsonBodyBytes: 64 * 1024 })
    const failure = lastValueFrom(requestJson$(capped, spec, Thing))
    await expect(failure).rejects.toBeInstanceOf(DecodeError)
    await expect(failure).rejects.toThrow(
      'Response of GET http://127.0.0.1:' +
        `${new URL(server.url).port}/v1/things/1 is larger than maxJsonBodyBytes (65536 bytes); reading stopped there`,
    )
    expect(server.requests).toHaveLength(1)
  })

  it('reads a body of exactly the cap', async () => {
    const body = JSON.stringify({ id: 'x', count: 1 })
    server.reply(text(200, body))
    const capped = testContext(server.url, { maxJsonBodyBytes: Buffer.byteLength(body) })
    await expect(lastValueFrom(requestJson$(capped, spec, Thing))).resolves.toEqual({
      id: 'x',
      count: 1,
    })
  })
})
