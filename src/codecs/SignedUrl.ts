import * as t from 'io-ts'

/** The answer to GET /v1/files/{file_id}/url: a time-limited URL to download without the key. */
export const SignedUrl = t.type({ url: t.string }, 'SignedUrl')
export type SignedUrl = t.TypeOf<typeof SignedUrl>
