// The content of an upload, sorted and ready to frame: whole (of known length) or streamed.

/** The content type of the file part for JSONL. */
export const JSONL_CONTENT_TYPE = 'application/jsonl'
/** The content type of the file part for raw bytes. */
export const BYTES_CONTENT_TYPE = 'application/octet-stream'

/** An input of known length, sent as one `Blob` (fetch then sends its Content-Length). */
export interface WholeContent {
  readonly kind: 'whole'
  /** The content, as a Blob part. */
  readonly content: Blob | Uint8Array | string
  /** The content type of the file part. */
  readonly contentType: string
}

/** An input of unknown length, streamed chunk by chunk (bytes as they are, requests as JSONL). */
export interface StreamedContent {
  readonly kind: 'streamed'
  /** The bytes; requests are checked as they are encoded. Each iteration starts afresh. */
  readonly chunks: AsyncIterable<Uint8Array>
  /** Whether a second iteration gives the same content again (so a failed upload may retry). */
  readonly replayable: boolean
  /** The content type of the file part. */
  readonly contentType: string
}

/** The content of an upload, ready to frame. */
export type UploadContent = WholeContent | StreamedContent
