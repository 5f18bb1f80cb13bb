// The price options of runs and summarizeUsage, and their checks: prices per model and the batch rate.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { isRecord } from '../fp/either.js'
import { describeType, type KnownKeys } from '../options/knownKeys.js'

/**
 * The live (not batch) price of one model, in a unit of your choice (dollars, euros, cents): the
 * estimate is in that unit, and no currency is assumed.
 */
export interface ModelPrice {
  /** The price of a million prompt (input) tokens. */
  readonly inputPerMTok: number
  /** The price of a million completion (output) tokens. */
  readonly outputPerMTok: number
  /** The price of a thousand pages, for OCR models (priced by the page). @default 0 */
  readonly perThousandPages?: number
}

/** Live prices by model name, or a function that answers for a model (undefined: not priced). */
export type PriceTable =
  Readonly<Record<string, ModelPrice>> | ((model: string) => ModelPrice | undefined)

/**
 * The share of the live price that a batch job does not pay: Mistral bills batch requests at
 * half the price of the same requests sent live.
 */
export const DEFAULT_BATCH_DISCOUNT = 0.5

/** How the usage of result lines is priced. */
export interface UsageOptions {
  /**
   * Live prices of the models, to estimate what the results cost at the batch rate (see
   * `batchDiscount`): the summary then has an `estimatedCost`. A model without a price (or whose
   * function answers something that is not a `ModelPrice`) gets no cost and is listed in
   * `estimatedCost.unpriced`.
   * @default undefined (no estimatedCost)
   */
  readonly price?: PriceTable
  /**
   * The share taken off the live prices of `price`, from 0 (batch costs the live price) to 1.
   * @default 0.5 (DEFAULT_BATCH_DISCOUNT)
   */
  readonly batchDiscount?: number
}

/** The option names of `UsageOptions`. */
export const USAGE_OPTION_KEYS: KnownKeys<UsageOptions> = { price: true, batchDiscount: true }

/** `UsageOptions` checked: the price of a model (undefined when not priced), and the discount. */
export interface Pricing {
  readonly priceOf: (model: string) => ModelPrice | undefined
  readonly batchDiscount: number
}

const isAmount = (u: unknown): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0

/** Why `u` is not a `ModelPrice`: the field whose amount is not a number >= 0, or `''` for `u` itself. */
const priceProblem = (u: unknown): string | undefined => {
  if (!isRecord(u)) return ''
  if (!isAmount(u.inputPerMTok)) return 'inputPerMTok'
  if (!isAmount(u.outputPerMTok)) return 'outputPerMTok'
  return u.perThousandPages === undefined || isAmount(u.perThousandPages)
    ? undefined
    : 'perThousandPages'
}

const invalid = (where: string, field: string, message: string) =>
  E.left(new InvalidRequestError(`${where}: ${field} ${message}`, { field }))

const checkTable = (
  table: Readonly<Record<string, unknown>>,
  where: string,
): E.Either<InvalidRequestError, Readonly<Record<string, ModelPrice>>> => {
  for (const [model, price] of Object.entries(table)) {
    const field = priceProblem(price)
    if (field === '') {
      return invalid(
        where,
        `price.${model}`,
        `must be an object with inputPerMTok and outputPerMTok, got ${describeType(price)}`,
      )
    }
    if (field !== undefined) {
      const got = (price as Record<string, unknown>)[field]
      return invalid(
        where,
        `price.${model}.${field}`,
        `must be a number >= 0, got ${describeType(got)}`,
      )
    }
  }
  return E.right(table as Readonly<Record<string, ModelPrice>>)
}

const lookup =
  (table: Readonly<Record<string, ModelPrice>>) =>
  (model: string): ModelPrice | undefined =>
    Object.prototype.hasOwnProperty.call(table, model) ? table[model] : undefined

// A function's answer is checked each time: a wrong one leaves its model unpriced, not the run failed.
const checkedAnswers =
  (price: (model: string) => ModelPrice | undefined) =>
  (model: string): ModelPrice | undefined => {
    const answer = price(model)
    return priceProblem(answer) === undefined ? answer : undefined
  }

/**
 * The pricing of `options` (undefined without `price`), or the `InvalidRequestError` naming the
 * first field that is wrong: a price that is not a number >= 0, a discount outside 0..1.
 */
export const resolvePricing = (
  options: UsageOptions,
  where: string,
): E.Either<InvalidRequestError, Pricing | undefined> => {
  const { price, batchDiscount = DEFAULT_BATCH_DISCOUNT } = options
  if (!(isAmount(batchDiscount) && batchDiscount <= 1)) {
    return invalid(
      where,
      'batchDiscount',
      `must be a number from 0 to 1, got ${String(batchDiscount)}`,
    )
  }
  if (price === undefined) return E.right(undefined)
  if (typeof price === 'function') return E.right({ priceOf: checkedAnswers(price), batchDiscount })
  if (!isRecord(price)) {
    return invalid(
      where,
      'price',
      `must be an object of prices by model, or a function, got ${describeType(price)}`,
    )
  }
  return pipe(
    checkTable(price, where),
    E.map((table) => ({ priceOf: lookup(table), batchDiscount })),
  )
}
