// The options of results$, their defaults, and their checks.
import * as E from 'fp-ts/Either'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { describeType, unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { durationProblem } from '../time/durations.js'
import { codecsProblem, RESULT_CODEC_KEYS, type ResultCodecs } from './resultCodecs.js'
import type { WatchJobOptions } from './watchJobOptions.js'

/** Which results `results$` streams. */
export type ResultsInclude = 'all' | 'outputs' | 'errors'

/** Options of `results$`. */
export interface ResultsOptions<B = unknown, C = never> extends ResultCodecs<B, C> {
  /**
   * `'outputs'`: the output file only; `'errors'`: the error file only; `'all'`: the output
   * file, then the error file. For an inline job, `'outputs'` keeps the results that succeeded
   * and `'errors'` the ones that failed plus the items that could not be read.
   * @default 'all'
   */
  readonly include?: ResultsInclude
  /**
   * What to do with a job that has not finished: `false` fails at once with an
   * `InvalidRequestError`; `true` watches it (`watchJob$`) to its end, then streams its results.
   * @default false
   */
  readonly wait?: boolean
  /**
   * How to watch the job when `wait` is true (see `WatchJobOptions` for each default).
   * @default {}
   */
  readonly watch?: WatchJobOptions
  /**
   * The longest wait for the next chunk of a file, in milliseconds; past it the transfer counts
   * as broken (and is resumed).
   * @default 60_000
   */
  readonly idleTimeoutMs?: number
  /**
   * How many times in a row a broken download of one file is resumed (downloaded again, the
   * lines already emitted skipped) without any new line in between; one more failure ends the
   * stream with that error.
   * @default 5
   */
  readonly maxResumes?: number
  /** Aborting it ends the stream with a `NetworkError`. */
  readonly signal?: AbortSignal
}

/** The defaults of `ResultsOptions`. */
const RESULTS_DEFAULTS = { include: 'all', wait: false, maxResumes: 5 } as const

/** `ResultsOptions` checked, defaults filled in. */
export type ResolvedResultsOptions<B, C = never> = Required<
  Pick<ResultsOptions<B, C>, 'include' | 'wait' | 'watch' | 'maxResumes'>
> &
  Pick<ResultsOptions<B, C>, 'body' | 'content' | 'idleTimeoutMs' | 'signal'>

const INCLUDES: ReadonlyArray<string> = ['all', 'outputs', 'errors']

const invalid = (field: string, reason: string): E.Either<InvalidRequestError, never> =>
  E.left(new InvalidRequestError(`results$: ${reason}`, { field }))

const RESULTS_KEYS: KnownKeys<ResultsOptions> = {
  include: true,
  wait: true,
  watch: true,
  ...RESULT_CODEC_KEYS,
  idleTimeoutMs: true,
  maxResumes: true,
  signal: true,
}

/** Fills in the defaults, or names the first option that is out of range or unknown. */
export const resolveResultsOptions = <B, C = never>(
  options: ResultsOptions<B, C> = {},
): E.Either<InvalidRequestError, ResolvedResultsOptions<B, C>> => {
  const unknown = unknownKeyError(options, RESULTS_KEYS, 'results$ options')
  if (unknown !== undefined) return E.left(unknown)
  const include = options.include ?? RESULTS_DEFAULTS.include
  const maxResumes = options.maxResumes ?? RESULTS_DEFAULTS.maxResumes
  if (!INCLUDES.includes(include)) {
    return invalid(
      'include',
      `include must be 'all', 'outputs' or 'errors', got ${String(include)}`,
    )
  }
  if (!(Number.isInteger(maxResumes) && maxResumes >= 0)) {
    return invalid('maxResumes', `maxResumes must be an integer >= 0, got ${maxResumes}`)
  }
  const codecs = codecsProblem(options, 'results$')
  if (codecs !== undefined) return E.left(codecs)
  const idle =
    options.idleTimeoutMs === undefined
      ? undefined
      : durationProblem(options.idleTimeoutMs, 'idleTimeoutMs', 'positive')
  if (idle !== undefined) return invalid('idleTimeoutMs', idle)
  if (typeof (options.wait ?? false) !== 'boolean') {
    return invalid('wait', `wait must be true or false, got ${describeType(options.wait)}`)
  }
  return E.right({
    include,
    wait: options.wait ?? RESULTS_DEFAULTS.wait,
    watch: options.watch ?? {},
    body: options.body,
    content: options.content,
    idleTimeoutMs: options.idleTimeoutMs,
    maxResumes,
    signal: options.signal,
  })
}
