// The error union of mistral-batch-rx and its type guards.
import { BatchJobEndedError } from './BatchJobEndedError.js'
import { DecodeError } from './DecodeError.js'
import { HttpError } from './HttpError.js'
import { InvalidRequestError } from './InvalidRequestError.js'
import { NetworkError } from './NetworkError.js'
import { NoResultError } from './NoResultError.js'
import { PaginationError } from './PaginationError.js'
import { TimeoutError } from './TimeoutError.js'

export { BatchJobEndedError } from './BatchJobEndedError.js'
export { DecodeError } from './DecodeError.js'
export { HttpError, type HttpErrorInit } from './HttpError.js'
export { InvalidRequestError, type InvalidRequestErrorOptions } from './InvalidRequestError.js'
export { NetworkError, type NetworkErrorCause, type NetworkErrorInit } from './NetworkError.js'
export { NoResultError, type NoResultErrorInit } from './NoResultError.js'
export {
  PaginationError,
  type PaginationErrorInit,
  type PaginationStopReason,
} from './PaginationError.js'
export { TimeoutError, type TimeoutErrorOptions } from './TimeoutError.js'

/** Every error an operation of this client can signal, the batcher's included. */
export type MistralBatchError =
  | InvalidRequestError
  | HttpError
  | NetworkError
  | TimeoutError
  | DecodeError
  | PaginationError
  | BatchJobEndedError
  | NoResultError

type Tag = MistralBatchError['_tag']

const TAGS: ReadonlySet<string> = new Set<Tag>([
  'InvalidRequestError',
  'HttpError',
  'NetworkError',
  'TimeoutError',
  'DecodeError',
  'PaginationError',
  'BatchJobEndedError',
  'NoResultError',
])

// An error-like object with a tag: `instanceof` would fail across realms and duplicated bundles.
const tagOf = (u: unknown): unknown =>
  typeof u === 'object' && u !== null && typeof (u as { message?: unknown }).message === 'string'
    ? (u as { _tag?: unknown })._tag
    : undefined

const hasTag =
  <E extends MistralBatchError>(tag: E['_tag']) =>
  (u: unknown): u is E =>
    tagOf(u) === tag

/** Whether `u` is an `InvalidRequestError` (by `_tag`, so across realms and bundles too). */
export const isInvalidRequestError = hasTag<InvalidRequestError>('InvalidRequestError')
/** Whether `u` is an `HttpError` (by `_tag`, so across realms and bundles too). */
export const isHttpError = hasTag<HttpError>('HttpError')
/** Whether `u` is a `NetworkError` (by `_tag`, so across realms and bundles too). */
export const isNetworkError = hasTag<NetworkError>('NetworkError')
/** Whether `u` is a `TimeoutError` (by `_tag`, so across realms and bundles too). */
export const isTimeoutError = hasTag<TimeoutError>('TimeoutError')
/** Whether `u` is a `DecodeError` (by `_tag`, so across realms and bundles too). */
export const isDecodeError = hasTag<DecodeError>('DecodeError')
/** Whether `u` is a `PaginationError` (by `_tag`, so across realms and bundles too). */
export const isPaginationError = hasTag<PaginationError>('PaginationError')

/** Whether `u` is a `BatchJobEndedError` (by `_tag`, so across realms and bundles too). */
export const isBatchJobEndedError = hasTag<BatchJobEndedError>('BatchJobEndedError')
/** Whether `u` is a `NoResultError` (by `_tag`, so across realms and bundles too). */
export const isNoResultError = hasTag<NoResultError>('NoResultError')

/** Whether `u` is any member of `MistralBatchError`. */
export const isMistralBatchError = (u: unknown): u is MistralBatchError => {
  const tag = tagOf(u)
  return typeof tag === 'string' && TAGS.has(tag)
}
