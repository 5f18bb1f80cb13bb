// What upload$ accepts, and how each kind of input becomes the content of the file part.
import * as E from 'fp-ts/Either'
import { isObservable, type Observable } from 'rxjs'
import type { BatchRequest } from '../codecs/BatchRequest.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import {
  byteChunks,
  isReadableStream,
  isReopenableBytes,
  streamChunks,
  type ReopenableBytes,
} from './byteStreams.js'
import { emptyUploadError } from './emptyUpload.js'
import {
  BYTES_CONTENT_TYPE,
  JSONL_CONTENT_TYPE,
  type StreamedContent,
  type UploadContent,
  type WholeContent,
} from './uploadContent.js'
import type { BodyCheck } from '../jsonl/bodyCheck.js'
import { CustomIdRegistry } from '../jsonl/customIdRegistry.js'
import { checkRequests } from '../jsonl/preparedRequest.js'
import { requestsContent } from '../jsonl/requestChunks.js'

/**
 * The content of an upload: JSONL text, bytes, a `Blob`, raw bytes streamed from a web
 * `ReadableStream` or a {@link ReopenableBytes} (a file on disk), or batch requests
 * (`{ custom_id?, body }`) as an iterable, an async iterable or an Observable, encoded to JSONL
 * as they stream.
 */
export type UploadInput =
  | string
  | Uint8Array
  | ArrayBuffer
  | Blob
  | ReadableStream<Uint8Array>
  | ReopenableBytes
  | Iterable<BatchRequest>
  | AsyncIterable<BatchRequest>
  | Observable<BatchRequest>

const hasMethod = (u: object, key: PropertyKey): boolean =>
  typeof (u as Record<PropertyKey, unknown>)[key] === 'function'

const isBlob = (u: unknown): u is Blob => typeof Blob !== 'undefined' && u instanceof Blob

// Inputs whose emptiness shows before reading; a streamed one is found empty at its first chunk.
const isEmptyWhole = (input: unknown): boolean =>
  (typeof input === 'string' && input.trim() === '') ||
  (input instanceof Uint8Array && input.byteLength === 0) ||
  (input instanceof ArrayBuffer && input.byteLength === 0) ||
  (isBlob(input) && input.size === 0) ||
  (Array.isArray(input) && input.length === 0)

const whole = (content: Blob | Uint8Array | string, contentType: string): WholeContent => ({
  kind: 'whole',
  content,
  contentType,
})

// Text, bytes and Blobs: of known length, sent as one Blob.
const wholeContent = (input: unknown): WholeContent | undefined => {
  if (typeof input === 'string') return whole(input, JSONL_CONTENT_TYPE)
  if (input instanceof Uint8Array) return whole(input, BYTES_CONTENT_TYPE)
  if (input instanceof ArrayBuffer) return whole(new Uint8Array(input), BYTES_CONTENT_TYPE)
  if (isBlob(input)) return whole(input, input.type === '' ? BYTES_CONTENT_TYPE : input.type)
  return undefined
}

// Raw bytes streamed: a web stream read once, or bytes opened afresh per attempt.
const byteStream = (input: unknown): StreamedContent | undefined => {
  const streamed = (
    open: () => AsyncIterable<Uint8Array>,
    replayable: boolean,
  ): StreamedContent => ({
    kind: 'streamed',
    chunks: { [Symbol.asyncIterator]: () => open()[Symbol.asyncIterator]() },
    replayable,
    contentType: BYTES_CONTENT_TYPE,
  })
  if (isReadableStream(input)) return streamed(() => streamChunks(input), false)
  if (isReopenableBytes(input)) return streamed(() => byteChunks(input.openBytes()), true)
  return undefined
}

/**
 * `input` sorted into whole or streamed content: an array of requests is checked whole before
 * anything is sent, other request sources as they stream (their bodies with `checkBody` when
 * given); only re-readable inputs are replayable.
 */
export const uploadContent = (
  input: unknown,
  checkBody?: BodyCheck,
): E.Either<InvalidRequestError, UploadContent> => {
  if (isEmptyWhole(input)) return E.left(emptyUploadError())
  const content = wholeContent(input) ?? byteStream(input)
  if (content !== undefined) return E.right(content)
  if (Array.isArray(input)) {
    const checked = checkRequests(input, new CustomIdRegistry(false), checkBody)
    return E.isLeft(checked) ? checked : E.right(requestsContent(input, true, true))
  }
  if (typeof input === 'object' && input !== null) {
    if (isObservable(input) || hasMethod(input, Symbol.asyncIterator)) {
      const source = input as AsyncIterable<BatchRequest>
      return E.right(requestsContent(source, false, false, checkBody))
    }
    if (hasMethod(input, Symbol.iterator)) {
      const replayable = !hasMethod(input, 'next')
      const source = input as Iterable<BatchRequest>
      return E.right(requestsContent(source, replayable, false, checkBody))
    }
  }
  return E.left(
    new InvalidRequestError(
      'input must be JSONL text, bytes, a Blob, a ReadableStream of bytes, or an iterable, ' +
        'async iterable or Observable of requests',
      { field: 'input' },
    ),
  )
}
