// What a stream gave before it ended: every value, and the error it ended with, if any.
import type { Observable } from 'rxjs'

/** Every value `source` emits and the error that ends it (`undefined` when it completes). */
export const valuesAndError = <A>(
  source: Observable<A>,
): Promise<{ values: A[]; error: unknown }> =>
  new Promise((resolve) => {
    const values: A[] = []
    source.subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => resolve({ values, error }),
      complete: () => resolve({ values, error: undefined }),
    })
  })
