// Whether this runtime can send a ReadableStream as a request body, and the Blob way when not.
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { StreamedContent, WholeContent } from './uploadContent.js'

let known: boolean | undefined

/**
 * Whether fetch here can stream a request body: a feature test, not a user-agent sniff. A
 * runtime that streams bodies reads `duplex` and leaves the stream without a Content-Type; one
 * that does not (Firefox, Safari today) turns the stream into the text `[object ReadableStream]`.
 * Chromium passes, but streams only over HTTP/2: an upload it refuses is sent again whole (see
 * `withStreamedBody$`).
 */
export const supportsRequestStreams = (): boolean => {
  if (known !== undefined) return known
  if (typeof Request !== 'function' || typeof ReadableStream !== 'function') return (known = false)
  try {
    let duplexRead = false
    const init = {
      method: 'POST',
      body: new ReadableStream(),
      get duplex() {
        duplexRead = true
        return 'half'
      },
    }
    const hasContentType = new Request('http://localhost/', init as RequestInit).headers.has(
      'Content-Type',
    )
    known = duplexRead && !hasContentType
  } catch {
    known = false
  }
  return known
}

/** The most a streamed input may hold when it is gathered into a Blob: Mistral's file limit. */
const MAX_BLOB_UPLOAD_BYTES = 512 * 1024 * 1024

/** `chunks` read to their end into one Blob of at most 512 MiB (an `InvalidRequestError` past it). */
export const gatheredBlob = async (chunks: AsyncIterable<Uint8Array>): Promise<Blob> => {
  const parts: Uint8Array[] = []
  let bytes = 0
  for await (const chunk of chunks) {
    bytes += chunk.byteLength
    if (bytes > MAX_BLOB_UPLOAD_BYTES) {
      throw new InvalidRequestError(
        `upload$: the input is over ${MAX_BLOB_UPLOAD_BYTES} bytes (512 MiB, Mistral's file ` +
          'limit), too big to gather into a Blob where request bodies cannot stream',
        { field: 'input' },
      )
    }
    parts.push(chunk)
  }
  return new Blob(parts as BlobPart[])
}

/**
 * `content` read to its end into one Blob (its requests checked and encoded on the way), for a
 * runtime that cannot stream a body: memory holds the whole file, at most 512 MiB, and the Blob
 * can be sent again, whatever its source was.
 */
export const gatheredContent = async (content: StreamedContent): Promise<WholeContent> => ({
  kind: 'whole',
  content: await gatheredBlob(content.chunks),
  contentType: content.contentType,
})

// The origins to which this runtime refused a streamed body although it passed the feature test
// (Chromium, to an HTTP/1.1 server): their later uploads are sent whole from the start.
const refusingOrigins = new Set<string>()

/** Whether a body sent to `origin` is to be streamed, when the options leave it to the runtime. */
export const streamsTo = (origin: string): boolean =>
  supportsRequestStreams() && !refusingOrigins.has(origin)

/** Remembers that `origin` got a streamed body refused. */
export const refusedStreamsTo = (origin: string): void => {
  refusingOrigins.add(origin)
}
