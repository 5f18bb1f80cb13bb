// The bodies Mistral answers errors with: the documented one and every other shape seen on the wire.
import * as t from 'io-ts'
import { nullable } from './combinators.js'
import { ValidationErrorDetail } from './ValidationErrorDetail.js'

const errorFields = t.partial({
  type: t.string,
  param: nullable(t.string),
  code: t.union([t.string, t.number, t.null]),
  request_id: t.string,
})

/** The documented body: `{object: "error", message, type, param, code}` (e.g. 429 `rate_limited`). */
export const MistralErrorBody = t.intersection(
  [t.type({ object: t.literal('error'), message: t.string }), errorFields],
  'MistralErrorBody',
)

/** A 422 wrapped in the documented body: `{object: "error", message: {detail: [...]}, type, ...}`. */
export const WrappedValidationErrorBody = t.intersection(
  [
    t.type({
      object: t.literal('error'),
      message: t.type({ detail: t.array(ValidationErrorDetail) }),
    }),
    errorFields,
  ],
  'WrappedValidationErrorBody',
)

/** A bare message, as gateways send it: `{message: "Unauthorized", request_id: "..."}`. */
export const MessageErrorBody = t.intersection(
  [t.type({ message: t.string }), t.partial({ request_id: t.string })],
  'MessageErrorBody',
)

/** A string detail: `{detail: "Unauthorized"}`. */
export const DetailErrorBody = t.type({ detail: t.string }, 'DetailErrorBody')

/** A 422 as the spec's HTTPValidationError: `{detail: [{type, loc, msg, input}]}`. */
export const ValidationErrorBody = t.type(
  { detail: t.array(ValidationErrorDetail) },
  'ValidationErrorBody',
)

/** Any error body Mistral is known to send; the first shape that fits wins. */
export const ApiErrorBody = t.union(
  [
    MistralErrorBody,
    WrappedValidationErrorBody,
    MessageErrorBody,
    DetailErrorBody,
    ValidationErrorBody,
  ],
  'ApiErrorBody',
)
export type ApiErrorBody = t.TypeOf<typeof ApiErrorBody>
