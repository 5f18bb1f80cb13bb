// The answer to GET /v1/files/{file_id}/url.
import * as t from 'io-ts'

/** A time-limited URL from which the file can be downloaded without the API key. */
export const SignedUrl = t.type({ url: t.string }, 'SignedUrl')
export type SignedUrl = t.TypeOf<typeof SignedUrl>
