// bodyChunks$ and readText$: reading a body chunk by chunk, and cancelling it.
import { lastValueFrom, take, toArray } from 'rxjs'
import { NetworkError } from '../../src/errors/NetworkError.js'
import { bodyChunks$, readText$ } from '../../src/http/bodyChunks.js'
import { valuesAndError } from '../support/valuesAndError.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A web stream of `chunks` that records whether it was cancelled. */
const streamOf = (chunks: Uint8Array[]) => {
  const state = { cancelled: false, pulls: 0 }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[state.pulls++]
      if (chunk === undefined) controller.close()
      else controller.enqueue(chunk)
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { stream, state }
}

/** An async iterable of `chunks` that records whether it was stopped early. */
const iterableOf = (chunks: Uint8Array[]) => {
  const state = { returned: false }
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      let index = 0
      return {
        next: async () => {
          const value = chunks[index++]
          return value === undefined ? { done: true, value: undefined } : { done: false, value }
        },
        return: async () => {
          state.returned = true
          return { done: true, value: undefined }
        },
      }
    },
  }
  return { iterable, state }
}

describe('bodyChunks$', () => {
  it('emits the chunks of a web stream in order', async () => {
    const { stream } = streamOf([bytes('ab'), bytes('cd')])
    const chunks = await lastValueFrom(bodyChunks$(stream).pipe(toArray()))
    expect(chunks.map((chunk) => new TextDecoder().decode(chunk))).toEqual(['ab', 'cd'])
  })

  it('emits the chunks of an async iterable (a Node stream) in order', async () => {
    const { iterable } = iterableOf([bytes('ab'), bytes('cd')])
    const chunks = await lastValueFrom(bodyChunks$(iterable).pipe(toArray()))
    expect(chunks).toHaveLength(2)
  })

  it('completes at once for no body', async () => {
    await expect(lastValueFrom(bodyChunks$(null).pipe(toArray()))).resolves.toEqual([])
  })

  it('does not read before subscribe', () => {
    const { stream, state } = streamOf([bytes('ab')])
    bodyChunks$(stream)
    expect(state.pulls).toBe(0)
  })

  it('cancels the reader when unsubscribed', async () => {
    const web = streamOf([bytes('a'), bytes('b'), bytes('c'), bytes('d')])
    const node = iterableOf([bytes('a'), bytes('b'), bytes('c')])
    await lastValueFrom(bodyChunks$(web.stream).pipe(take(1)))
    await lastValueFrom(bodyChunks$(node.iterable).pipe(take(1)))
    expect(web.state.cancelled).toBe(true)
    expect(node.state.returned).toBe(true)
  })

  it('turns a read failure into a NetworkError naming the request', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      },
    })
    const failure = lastValueFrom(
      bodyChunks$(stream, undefined, { method: 'GET', url: 'https://api.test/v1/files/x/content' }),
    )
    await expect(failure).rejects.toBeInstanceOf(NetworkError)
    await expect(failure).rejects.toMatchObject({
      code: 'ECONNRESET',
      message:
        'GET https://api.test/v1/files/x/content broke off while reading the body: socket hang up',
    })
  })

  it('reads nothing when the signal is already aborted', async () => {
    const { stream, state } = streamOf([bytes('a')])
    const { values, error } = await valuesAndError(bodyChunks$(stream, AbortSignal.abort()))
    expect(values).toEqual([])
    expect(error).toBeInstanceOf(NetworkError)
    expect(stream.locked).toBe(false)
    expect(state.cancelled).toBe(false)
  })

  it('stops reading when the signal aborts', async () => {
    const { state } = streamOf([])
    const stalled = new ReadableStream<Uint8Array>({
      cancel() {
        state.cancelled = true
      },
    })
    const controller = new AbortController()
    const failure = lastValueFrom(bodyChunks$(stalled, controller.signal))
    controller.abort()
    await expect(failure).rejects.toBeInstanceOf(NetworkError)
    expect(state.cancelled).toBe(true)
  })
})

describe('readText$', () => {
  it('decodes UTF-8 split across chunks', async () => {
    const euro = bytes('€uro')
    const { stream } = streamOf([euro.slice(0, 1), euro.slice(1, 2), euro.slice(2)])
    await expect(lastValueFrom(readText$(stream))).resolves.toBe('€uro')
  })

  it('stops at maxBytes and cancels the rest', async () => {
    const { stream, state } = streamOf([bytes('abcd'), bytes('efgh'), bytes('ijkl'), bytes('mnop')])
    await expect(lastValueFrom(readText$(stream, undefined, undefined, 6))).resolves.toBe(
      'abcdefgh',
    )
    expect(state.cancelled).toBe(true)
  })

  it('reads an empty body as an empty string', async () => {
    await expect(lastValueFrom(readText$(null))).resolves.toBe('')
  })
})
