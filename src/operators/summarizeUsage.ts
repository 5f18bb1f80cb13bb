// summarizeUsage: the token totals (and estimated cost) of any stream of result lines, once it ends.
import * as E from 'fp-ts/Either'
import { concat, defer, ignoreElements, of, tap, throwError, type OperatorFunction } from 'rxjs'
import type { ResultLineEither } from '../batch/resultLine.js'
import { unknownKeyError } from '../options/knownKeys.js'
import { resolvePricing, USAGE_OPTION_KEYS, type UsageOptions } from '../usage/usageOptions.js'
import { usageSummary, type UsageSummary } from '../usage/usageSummary.js'
import { UsageTally } from '../usage/usageTally.js'

/**
 * Sums the usage of the succeeded lines of a `results$` stream (or any stream of its lines) and
 * emits it once, when the source completes: `usage` (tokens and OCR pages, in all and by model)
 * and, given `price`, `estimatedCost` at the batch rate. The lines themselves are not passed on;
 * `share()` the source to both write and sum them. An error of the source is passed on and
 * nothing is emitted. A `price` or `batchDiscount` that is wrong errors the stream with an
 * `InvalidRequestError` at subscribe, before the source is subscribed.
 */
export const summarizeUsage =
  <B = unknown, C = never>(
    options: UsageOptions = {},
  ): OperatorFunction<ResultLineEither<B, C>, UsageSummary> =>
  (source) =>
    defer(() => {
      const unknown = unknownKeyError(options, USAGE_OPTION_KEYS, 'summarizeUsage options')
      if (unknown !== undefined) return throwError(() => unknown)
      const pricing = resolvePricing(options, 'summarizeUsage')
      if (E.isLeft(pricing)) return throwError(() => pricing.left)
      const tally = new UsageTally()
      return concat(
        source.pipe(
          tap((line) => tally.add(line)),
          ignoreElements(),
        ),
        defer(() => of(usageSummary(tally.totals(), pricing.right))),
      )
    })
