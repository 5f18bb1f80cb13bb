// withStreamedBody$: the body is pulled, never read ahead; failures of the content win over fetch's.
import { defer, from, lastValueFrom, Observable } from 'rxjs'
import { multipartFrame } from '../../src/files/multipart.js'
import { withStreamedBody$ } from '../../src/files/streamedBody.js'
import { within } from '../support/httpContext.js'

const frame = multipartFrame('B', [], 'f', 'application/jsonl')
const encoder = new TextEncoder()

const readAll = (body: ReadableStream<Uint8Array>): Observable<string> =>
  defer(() => from(new Response(body).text()))

describe('withStreamedBody$', () => {
  it('sends head, content and tail', async () => {
    async function* content() {
      yield encoder.encode('a')
      yield encoder.encode('b')
    }
    const noop = { onPull: () => undefined }
    await expect(lastValueFrom(withStreamedBody$(frame, content(), noop, readAll))).resolves.toBe(
      new TextDecoder().decode(frame.head) + 'ab' + new TextDecoder().decode(frame.tail),
    )
  })

  it('reads the first chunk before sending, then one chunk per pull', async () => {
    let produced = 0
    async function* content() {
      for (;;) {
        produced++
        yield encoder.encode('x')
      }
    }
    let pulls = 0
    const result = withStreamedBody$(frame, content(), { onPull: () => pulls++ }, (body) =>
      defer(async () => {
        expect(produced).toBe(1)
        const reader = body.getReader()
        for (let i = 0; i < 5; i++) await reader.read()
        await reader.cancel()
        return produced
      }),
    )
    // head, first chunk, then three chunks pulled on demand: no read-ahead
    await expect(lastValueFrom(result)).resolves.toBe(4)
    expect(pulls).toBe(6)
  })

  it('errors with the content failure rather than what the reader saw', async () => {
    const bad = new Error('bad request 2')
    async function* content() {
      yield encoder.encode('ok')
      throw bad
    }
    const send = (body: ReadableStream<Uint8Array>) =>
      defer(() =>
        from(new Response(body).text().catch(() => Promise.reject(new Error('fetch failed')))),
      )
    await expect(
      lastValueFrom(withStreamedBody$(frame, content(), { onPull: () => undefined }, send)),
    ).rejects.toBe(bad)
  })

  it('fails without calling send when the first chunk fails', async () => {
    const bad = new Error('first')
    let sent = false
    // eslint-disable-next-line require-yield
    async function* content(): AsyncGenerator<Uint8Array> {
      throw bad
    }
    const result = withStreamedBody$(frame, content(), { onPull: () => undefined }, () => {
      sent = true
      return from(['never'])
    })
    await expect(lastValueFrom(result)).rejects.toBe(bad)
    expect(sent).toBe(false)
  })

  it('stops the content on unsubscribe', async () => {
    let stop!: () => void
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    async function* content() {
      try {
        for (;;) yield encoder.encode('x')
      } finally {
        stop()
      }
    }
    let send!: () => void
    const sending = new Promise<void>((resolve) => (send = resolve))
    const subscription = withStreamedBody$(
      frame,
      content(),
      { onPull: () => undefined },
      () => new Observable<never>(() => send()),
    ).subscribe()
    await within(sending, 2_000, 'the body to be sent')
    subscription.unsubscribe()
    await within(stopped, 2_000, 'the content to be stopped')
  })
})
