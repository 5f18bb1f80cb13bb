// An upload that fails or is left closes its source at once, even one that has gone quiet.
import { lastValueFrom, Subject } from 'rxjs'
import type { BatchRequest } from '../../src/codecs/BatchRequest.js'
import { TimeoutError } from '../../src/errors/TimeoutError.js'
import { upload$ } from '../../src/files/upload.js'
import type { FetchLike } from '../../src/config.js'
import { testContext } from '../support/httpContext.js'

// Reads the body it is given until it is aborted, and never answers: the source's stall is the
// only thing that can end the upload.
const readingFetch: FetchLike = (_url, init) =>
  new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
    const body = init?.body as ReadableStream<Uint8Array> | undefined
    const reader = body?.getReader()
    const drain = async (): Promise<void> => {
      while (reader !== undefined && !(await reader.read()).done);
    }
    drain().catch(() => undefined)
  })

const ctx = testContext('http://127.0.0.1:9', { fetch: readingFetch })

describe('upload$ of a source that goes quiet', () => {
  it('unsubscribes from an Observable of requests when the idle timeout ends it', async () => {
    const requests = new Subject<BatchRequest>()
    const failure = lastValueFrom(
      upload$(ctx, requests, { filename: 'q.jsonl', idleTimeoutMs: 30 }),
    )
    requests.next({ body: { n: 1 } })
    requests.next({ body: { n: 2 } })
    await expect(failure).rejects.toBeInstanceOf(TimeoutError)
    expect(requests.observed).toBe(false)
  })

  it('cancels a ReadableStream of bytes when the idle timeout ends it', async () => {
    let cancelled: unknown = 'not cancelled'
    let pulls = 0
    const bytes = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        // one chunk, then nothing more, ever
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode('{"body":{}}\n'))
      },
      cancel: (reason) => {
        cancelled = reason
      },
    })
    const failure = lastValueFrom(upload$(ctx, bytes, { filename: 'b.jsonl', idleTimeoutMs: 30 }))
    await expect(failure).rejects.toBeInstanceOf(TimeoutError)
    expect(cancelled).not.toBe('not cancelled')
  })
})
