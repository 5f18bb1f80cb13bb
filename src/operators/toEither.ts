// toEither: an operation's typed failure as a value, for callers who never want an error notification.
import * as E from 'fp-ts/Either'
import { catchError, map, of, throwError, type OperatorFunction } from 'rxjs'
import { isMistralBatchError, type MistralBatchError } from '../errors/index.js'

/**
 * Emits each value as `Right`; a `MistralBatchError` becomes a final `Left` followed by
 * completion. Any other error (a bug, not a failure of the API) still errors.
 */
export const toEither =
  <A>(): OperatorFunction<A, E.Either<MistralBatchError, A>> =>
  (source) =>
    source.pipe(
      map((value): E.Either<MistralBatchError, A> => E.right(value)),
      catchError((error: unknown) =>
        isMistralBatchError(error) ? of(E.left(error)) : throwError(() => error),
      ),
    )
