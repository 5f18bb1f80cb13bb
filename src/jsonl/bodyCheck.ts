// The check of request bodies against their endpoint's codec, made before anything is sent. A
// million requests pass through it, so a body that fits costs one `is` (no Either built per
// field); only a body that does not is decoded, to say where and why.
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import { pathFailures, type PathFailure } from '../codecs/formatPaths.js'
import { previewJson } from '../codecs/previewJson.js'
import { requestBodyCodec } from '../codecs/requests/requestBodies.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { quoteCustomId } from './customIdRegistry.js'

/** At most this many failing paths go into the message. */
const MAX_MESSAGE_LINES = 5

/**
 * Checks the body of the request at `index` (whose own custom_id is `customId`, if it has one):
 * undefined when it fits, else the `InvalidRequestError` that names the request and the path.
 */
export type BodyCheck = (
  body: Readonly<Record<string, unknown>>,
  index: number,
  customId: string | undefined,
) => InvalidRequestError | undefined

const bodyPath = (failure: PathFailure): string =>
  failure.jsPath === '' ? 'body' : `body.${failure.jsPath}`

const lineOf = (failure: PathFailure): string =>
  failure.actual === undefined
    ? `${bodyPath(failure)}: missing, expected ${failure.expected}`
    : `${bodyPath(failure)}: expected ${failure.expected}, got ${previewJson(failure.actual)}`

/**
 * The error of a `body` to `endpoint` that does not fit `codec`, or undefined when it fits: the
 * message starts with `where` (`requests[3] (custom_id "a-3")`), then each failing path
 * (`body.messages[0].role: expected one of system, user, assistant, tool, got "robot"`); the
 * `field` is the first path, under `fieldPrefix` when there is one (`requests[3].body...`).
 */
export const bodyError = (
  codec: t.Mixed,
  endpoint: string,
  body: unknown,
  where: string,
  fieldPrefix: string,
): InvalidRequestError | undefined => {
  if (codec.is(body)) return undefined
  const decoded = codec.decode(body)
  if (E.isRight(decoded)) return undefined
  const failures = pathFailures(decoded.left)
  const lines = [...new Set(failures.map(lineOf))]
  const shown = lines.slice(0, MAX_MESSAGE_LINES).join('; ')
  const more =
    lines.length > MAX_MESSAGE_LINES ? `; and ${lines.length - MAX_MESSAGE_LINES} more` : ''
  const path = failures[0] === undefined ? 'body' : bodyPath(failures[0])
  return new InvalidRequestError(
    `${where}: ${shown}${more} (checked as a ${codec.name}, the body of ${endpoint})`,
    { field: fieldPrefix === '' ? path : `${fieldPrefix}.${path}` },
  )
}

/** How the request at `index` is named in a message: `requests[3]`, with its own custom_id if any. */
const requestName = (index: number, customId: string | undefined): string =>
  customId === undefined
    ? `requests[${index}]`
    : `requests[${index}] (custom_id ${quoteCustomId(customId)})`

/**
 * The codec the bodies sent to `endpoint` are checked with, or undefined when none is to be made:
 * `validateBodies` is false, or the endpoint is not one this client knows (sent unchecked).
 */
export const bodyCodecFor = (
  endpoint: unknown,
  validateBodies: boolean | undefined,
): t.Mixed | undefined => (validateBodies === false ? undefined : requestBodyCodec(endpoint))

/** The check of the request bodies sent to `endpoint`, or undefined as for `bodyCodecFor`. */
export const bodyCheck = (
  endpoint: unknown,
  validateBodies: boolean | undefined,
): BodyCheck | undefined => {
  const codec = bodyCodecFor(endpoint, validateBodies)
  if (codec === undefined) return undefined
  const name = endpoint as string
  return (body, index, customId) =>
    codec.is(body)
      ? undefined
      : bodyError(codec, name, body, requestName(index, customId), `requests[${index}]`)
}

/**
 * Checks one request `body` for `endpoint` as `runBatch$` does before anything is sent: undefined
 * when it fits (or the endpoint is not one this client knows), else the `InvalidRequestError`
 * naming the failing paths. `where` starts the message (default `request`), and `field` is the
 * prefix of the error's field (`items[3]` gives `items[3].body.messages[0].role`).
 */
export const checkRequestBody = (
  endpoint: string,
  body: unknown,
  options: { readonly where?: string; readonly field?: string } = {},
): InvalidRequestError | undefined => {
  const codec = requestBodyCodec(endpoint)
  return codec === undefined
    ? undefined
    : bodyError(codec, endpoint, body, options.where ?? 'request', options.field ?? '')
}
