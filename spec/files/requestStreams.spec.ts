// Uploads where request bodies cannot stream: the input gathered into one Blob, checked the same.
import { lastValueFrom, Subject } from 'rxjs'
import type { BatchRequest } from '../../src/codecs/BatchRequest.js'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import type { FetchLike } from '../../src/config.js'
import { download$ } from '../../src/files/fileRequests.js'
import { supportsRequestStreams } from '../../src/files/requestStreams.js'
import { upload$ } from '../../src/files/upload.js'
import { testContext } from '../support/httpContext.js'
import { collectText, startFilesEmulator } from './support/filesEmulator.js'

let emulator: RunningEmulator
beforeAll(async () => {
  ;({ emulator } = await startFilesEmulator())
})
afterAll(() => emulator.close())

/** A context whose fetch records the kind of every request body it is given. */
const bodyKinds = () => {
  const kinds: string[] = []
  const fetch: FetchLike = (input, init) => {
    const body = init?.body
    kinds.push(
      body instanceof Blob ? 'blob' : body instanceof ReadableStream ? 'stream' : typeof body,
    )
    return globalThis.fetch(input, init)
  }
  return { ctx: testContext(emulator.url, { fetch }), kinds }
}

const requests = (count: number): BatchRequest[] =>
  Array.from({ length: count }, (_, i) => ({ custom_id: `r${i}`, body: { n: i } }))

async function* oneShot(all: ReadonlyArray<BatchRequest>): AsyncGenerator<BatchRequest> {
  yield* all
}

describe('request streams', () => {
  it('are detected in Node, whose fetch streams a body', () => {
    expect(supportsRequestStreams()).toBe(true)
  })

  it('with streamBody: false, a one-shot source is sent as one Blob, whole', async () => {
    const { ctx, kinds } = bodyKinds()
    const sent = requests(300)
    const file = await lastValueFrom(
      upload$(ctx, oneShot(sent), { filename: 'gathered.jsonl', streamBody: false }),
    )
    expect(kinds).toEqual(['blob'])
    const text = await collectText(download$(ctx, file.id))
    expect(text).toBe(sent.map((r) => `${JSON.stringify(r)}\n`).join(''))
  })

  it('streams by default where it can', async () => {
    const { ctx, kinds } = bodyKinds()
    await lastValueFrom(upload$(ctx, oneShot(requests(3)), { filename: 'streamed.jsonl' }))
    expect(kinds).toEqual(['stream'])
  })

  it('checks the requests while gathering them: a bad one is refused, nothing sent', async () => {
    const { ctx, kinds } = bodyKinds()
    const source = new Subject<BatchRequest>()
    const failure = lastValueFrom(
      upload$(ctx, source, { filename: 'bad.jsonl', streamBody: false }),
    )
    source.next({ custom_id: 'a', body: {} })
    source.next({ custom_id: 'a', body: {} })
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({ field: 'requests[1].custom_id' })
    expect(kinds).toEqual([])
    expect(source.observed).toBe(false)
  })

  it('refuses a streamBody that is not a boolean', async () => {
    const { ctx } = bodyKinds()
    const failure = lastValueFrom(
      upload$(ctx, requests(1), { filename: 'x.jsonl', streamBody: 'no' as unknown as boolean }),
    )
    await expect(failure).rejects.toMatchObject({ field: 'streamBody' })
  })
})

// Chromium passes the feature test, but refuses a streamed body to an HTTP/1.1 server: its fetch
// rejects with a bare `TypeError: Failed to fetch`, before reading the stream. A fetch that does
// the same (and passes every other body on to the emulator) stands in for it here; the browser
// test (spec/browser) runs the real one.
const refusingStreams = (origin: () => string, read = 0) => {
  const kinds: string[] = []
  const fetch: FetchLike = async (input, init) => {
    const body = init?.body
    if (body instanceof Blob) kinds.push('blob')
    if (body instanceof ReadableStream) {
      kinds.push('stream')
      const reader = (body as ReadableStream<Uint8Array>).getReader()
      for (let k = 0; k < read; k++) await reader.read()
      // as Chromium does: the body is cancelled, then the fetch fails
      await reader.cancel()
      throw new TypeError('Failed to fetch')
    }
    return globalThis.fetch(input, init)
  }
  return { ctx: testContext(origin(), { fetch }), kinds }
}

describe('a runtime that refuses a streamed body it said it could send', () => {
  // Each test has an emulator (an origin) of its own: a refusal is remembered per origin.
  let own: RunningEmulator
  beforeEach(async () => {
    ;({ emulator: own } = await startFilesEmulator())
  })
  afterEach(() => own.close())

  it('gets the upload sent again as one Blob, whole, and every later one to that origin', async () => {
    const { ctx, kinds } = refusingStreams(() => own.url)
    const sent = requests(500)
    const file = await lastValueFrom(upload$(ctx, oneShot(sent), { filename: 'again.jsonl' }))
    expect(kinds).toEqual(['stream', 'blob'])
    const text = await collectText(download$(ctx, file.id))
    expect(text).toBe(sent.map((r) => `${JSON.stringify(r)}\n`).join(''))
    const posts = () => own.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files')
    expect(posts()).toHaveLength(1)

    await lastValueFrom(upload$(ctx, oneShot(requests(3)), { filename: 'later.jsonl' }))
    expect(kinds).toEqual(['stream', 'blob', 'blob'])
    expect(posts()).toHaveLength(2)
  })

  it('with streamBody: true, fails with the refusal: the caller asked for a stream', async () => {
    const { ctx, kinds } = refusingStreams(() => own.url)
    const failure = lastValueFrom(
      upload$(ctx, oneShot(requests(5)), { filename: 'forced.jsonl', streamBody: true }),
    )
    await expect(failure).rejects.toMatchObject({ _tag: 'NetworkError' })
    expect(kinds).toEqual(['stream'])
  })

  it('fails without a second send once the stream was read: what was read is gone', async () => {
    const { ctx, kinds } = refusingStreams(() => own.url, 1)
    const failure = lastValueFrom(upload$(ctx, oneShot(requests(5)), { filename: 'read.jsonl' }))
    await expect(failure).rejects.toMatchObject({ _tag: 'NetworkError' })
    expect(kinds).toEqual(['stream'])
  })

  it('fails without a second send on a failure with a code (Node: ECONNREFUSED), no Blob gathered', async () => {
    const kinds: string[] = []
    const fetch: FetchLike = (_input, init) => {
      kinds.push(init?.body instanceof ReadableStream ? 'stream' : 'other')
      const error = new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      })
      return Promise.reject(error)
    }
    const ctx = testContext(own.url, { fetch, retry: { maxRetries: 0 } })
    const failure = lastValueFrom(upload$(ctx, oneShot(requests(5)), { filename: 'down.jsonl' }))
    await expect(failure).rejects.toMatchObject({ _tag: 'NetworkError', code: 'ECONNREFUSED' })
    expect(kinds).toEqual(['stream'])
  })
})
