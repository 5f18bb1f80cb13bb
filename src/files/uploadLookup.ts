// How a recovering upload tells whether the server stored the file of an attempt that failed.
import { EMPTY, filter, take, type Observable } from 'rxjs'
import type { FileObject } from '../codecs/FileObject.js'
import type { FilePurpose } from '../codecs/FilePurpose.js'
import type { HttpContext } from '../http/HttpContext.js'
import { list$ } from './list.js'

/** What one attempt sent of the file's content. */
export interface SentContent {
  /** Content bytes handed to fetch (the multipart framing not counted). */
  bytes: number
  /** Whether the content was read to its end, so the whole body went out. */
  complete: boolean
}

/**
 * `chunks`, counted into `sent` as they are read: each iteration starts the count afresh, and
 * `sent.complete` turns true only once the source is exhausted.
 */
export const countedChunks = (
  chunks: AsyncIterable<Uint8Array>,
  sent: SentContent,
): AsyncIterable<Uint8Array> => ({
  [Symbol.asyncIterator]() {
    sent.bytes = 0
    sent.complete = false
    const iterator = chunks[Symbol.asyncIterator]()
    let stopped = false
    const next = async (): Promise<IteratorResult<Uint8Array>> => {
      const read = await iterator.next()
      if (stopped) return read
      if (read.done === true) sent.complete = true
      else sent.bytes += read.value.byteLength
      return read
    }
    // stopping passes straight through, without waiting behind a pending read
    const stop = (): Promise<IteratorResult<Uint8Array>> => {
      stopped = true
      return iterator.return?.() ?? Promise.resolve({ done: true, value: undefined })
    }
    return { next, return: stop }
  },
})

/** The UTF-8 size of a whole upload's content. */
export const wholeContentBytes = (content: Blob | Uint8Array | string): number =>
  typeof content === 'string'
    ? new TextEncoder().encode(content).byteLength
    : content instanceof Uint8Array
      ? content.byteLength
      : content.size

/** What a stored file must match to be the one an attempt uploaded. */
export interface UploadedFileQuery {
  /** The exact name sent, unique to this upload by the caller's promise. */
  readonly filename: string
  /** The purpose sent. */
  readonly purpose: FilePurpose
  /** The earliest creation time accepted, in epoch milliseconds. */
  readonly sinceMs: number
  /** What the attempt sent. */
  readonly sent: SentContent
}

/**
 * The file an attempt stored, if any: this exact name and purpose, created since `sinceMs`, and
 * the size sent (only a content sent to its end is looked for).
 */
export const findUploadedFile$ = (
  ctx: HttpContext,
  query: UploadedFileQuery,
): Observable<FileObject> => {
  const { filename, purpose, sinceMs, sent } = query
  if (!sent.complete) return EMPTY
  return list$(ctx, { search: filename, purpose }).pipe(
    filter(
      (file) =>
        file.filename === filename &&
        file.purpose === purpose &&
        file.created_at * 1000 >= sinceMs &&
        (file.bytes === null || file.bytes === sent.bytes),
    ),
    take(1),
  )
}
