// One descriptor for every operation on one job or file: checked once at the edge, then one request.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as t from 'io-ts'
import { defer, mergeMap, type Observable } from 'rxjs'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { fromEither$ } from '../fp/either.js'
import { unknownKeyError, type KnownKeys, type OperationOptions } from '../options/knownKeys.js'
import type { HttpContext } from './HttpContext.js'
import type { QueryParams } from './query.js'
import type { RequestSpec } from './request.js'
import { requestJson$ } from './requestJson.js'
import { uuidSegment } from './uuidSegment.js'

/** Items addressed by a UUID: the id's name in errors, and the path the id follows. */
export interface IdCollection {
  readonly field: 'jobId' | 'fileId'
  readonly path: string
}

/** Batch jobs, by `jobId`. */
export const JOBS: IdCollection = { field: 'jobId', path: '/v1/batch/jobs' }
/** Files, by `fileId`. */
export const FILES: IdCollection = { field: 'fileId', path: '/v1/files' }

/** What one operation on one job or file is. */
export interface IdOperation<O extends OperationOptions, A> {
  /** The operation's name in messages (`get$`, `files.delete$`). */
  readonly name: string
  readonly collection: IdCollection
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** The path after the id (`'/cancel'`, `'/url'`). @default '' */
  readonly suffix?: string
  readonly codec: t.Decoder<unknown, A>
  readonly keys: KnownKeys<O>
  /** The query of `options`, or why a value is wrong. */
  readonly query?: (options: O) => E.Either<InvalidRequestError, QueryParams>
}

/**
 * The request of `operation` on `id`, or the `InvalidRequestError` of an unknown option name, an
 * id that is not a UUID, or a bad option value. Safe to retry: every one-id operation is.
 */
export const idRequestSpec = <O extends OperationOptions>(
  operation: Omit<IdOperation<O, unknown>, 'codec'>,
  id: string,
  options: O,
): E.Either<InvalidRequestError, RequestSpec> => {
  const unknown = unknownKeyError(options, operation.keys, `${operation.name} options`)
  if (unknown !== undefined) return E.left(unknown)
  return pipe(
    E.Do,
    E.bind('segment', () => uuidSegment(operation.collection.field, id)),
    E.bind('query', () => operation.query?.(options) ?? E.right(undefined)),
    E.map(({ segment, query }) => ({
      method: operation.method,
      path: `${operation.collection.path}/${segment}${operation.suffix ?? ''}`,
      retry: 'safe' as const,
      ...(query === undefined ? {} : { query }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })),
  )
}

/**
 * `operation` as a function of a client's context, an id and the options: it gives an
 * Observable that, when subscribed, checks the options and the id (an `InvalidRequestError`,
 * nothing sent, when one is wrong), then sends the request, retried as a safe operation, and
 * emits its decoded body.
 */
export const idOperation =
  <O extends OperationOptions, A>(operation: IdOperation<O, A>) =>
  (ctx: HttpContext, id: string, options: O = {} as O): Observable<A> =>
    defer(() => fromEither$(idRequestSpec(operation, id, options))).pipe(
      mergeMap((spec) => requestJson$(ctx, spec, operation.codec)),
    )
