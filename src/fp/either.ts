// The library's one validation style: checks return an Either, and an Observable starts from it.
import * as E from 'fp-ts/Either'
import { of, throwError, type Observable } from 'rxjs'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'

/** An Observable of the Right value, or one that fails with the Left: the edge of every check. */
export const fromEither$ = <L, A>(either: E.Either<L, A>): Observable<A> =>
  E.isLeft(either) ? throwError(() => either.left) : of(either.right)

/** The Left of a check that failed: an `InvalidRequestError` naming `field`. */
export const invalid = (message: string, field: string): E.Either<InvalidRequestError, never> =>
  E.left(new InvalidRequestError(message, { field }))

/** Whether `u` is a plain object (not null, a list or a Date), as JSON bodies and records are. */
export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && !(u instanceof Date)
