// multipart/form-data framing written by hand, so the file part can stream (FormData cannot).

/** The text fields of the form, sent before the file part, in order. */
export type FormFields = ReadonlyArray<readonly [name: string, value: string]>

/** The framing around a file's content: everything before it and everything after it. */
export interface MultipartFrame {
  /** The `content-type` header of the request, with its boundary. */
  readonly contentType: string
  /** The field parts and the file part's headers, up to the first content byte. */
  readonly head: Uint8Array
  /** The end of the file part and the closing boundary. */
  readonly tail: Uint8Array
}

const CRLF = '\r\n'

const randomHex = (bytes: number): string => {
  const values = new Uint8Array(bytes)
  const crypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } })
    .crypto
  if (typeof crypto?.getRandomValues === 'function') crypto.getRandomValues(values)
  else for (let i = 0; i < bytes; i++) values[i] = Math.floor(Math.random() * 256)
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('')
}

/** A fresh boundary: 24 random bytes make a collision with the content practically impossible. */
export const newBoundary = (): string => `mistral-batch-rx-${randomHex(24)}`

// The escaping browsers apply to names in Content-Disposition (WHATWG multipart/form-data).
const escapeName = (name: string): string =>
  name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')

/**
 * The framing of a form whose `fields` come first and whose last part is the file `filename`
 * (field name `file`) of type `fileContentType`; the content goes between `head` and `tail`.
 */
export const multipartFrame = (
  boundary: string,
  fields: FormFields,
  filename: string,
  fileContentType: string,
): MultipartFrame => {
  const fieldParts = fields.map(
    ([name, value]) =>
      `--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeName(name)}"` +
      `${CRLF}${CRLF}${value}${CRLF}`,
  )
  const fileHeaders =
    `--${boundary}${CRLF}Content-Disposition: form-data; name="file"; ` +
    `filename="${escapeName(filename)}"${CRLF}Content-Type: ${fileContentType}${CRLF}${CRLF}`
  const encoder = new TextEncoder()
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: encoder.encode(fieldParts.join('') + fileHeaders),
    tail: encoder.encode(`${CRLF}--${boundary}--${CRLF}`),
  }
}
