// The filters of the batch job list, checked and turned into its query before anything is sent.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { BATCH_JOB_STATUSES, type BatchJobStatus } from '../codecs/BatchJobStatus.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { QueryParams } from '../http/query.js'
import {
  closestKey,
  unknownKeyError,
  type KnownKeys,
  type OperationOptions,
} from '../options/knownKeys.js'
import { metadataProblem, quoteKey } from './validateMetadata.js'

/**
 * The bounds of `page_size`. The spec gives none; 1000 is this client's own ceiling, so one
 * page's body stays a few megabytes at most.
 */
export const PAGE_SIZE = { min: 1, max: 1000, default: 100 } as const

/** Filters of `list$` and `listPages$`, in the wire's own names. Every one is optional. */
export interface ListBatchJobsFilters {
  /** Only jobs of this model. */
  readonly model?: string
  /** Only jobs of this agent. */
  readonly agent_id?: string
  /**
   * Only jobs whose metadata has these entries. Sent as bare `key=value` query pairs, as
   * Mistral's SDKs do, so a key may not be one of the list's own parameter names.
   */
  readonly metadata?: Readonly<Record<string, string>>
  /** Only jobs created at or after this time: a `Date` or an ISO 8601 date-time string. */
  readonly created_after?: Date | string
  /**
   * Only jobs created with this API key's user.
   * @default false
   */
  readonly created_by_me?: boolean
  /**
   * Only jobs in one of these statuses (sent as repeated `status` keys). A status not in
   * `BATCH_JOB_STATUSES` is refused unless `allowUnknownStatus` is set on the options.
   */
  readonly status?: ReadonlyArray<BatchJobStatus>
  /**
   * `'-created'` newest first, `'created'` oldest first.
   * @default '-created'
   */
  readonly order_by?: 'created' | '-created'
  /**
   * Jobs per request, an integer in 1..1000.
   * @default 100
   */
  readonly page_size?: number
}

const LIST_FILTER_KEYS: KnownKeys<ListBatchJobsFilters> = {
  model: true,
  agent_id: true,
  metadata: true,
  created_after: true,
  created_by_me: true,
  status: true,
  order_by: true,
  page_size: true,
}

/** Options of `list$` and `listPages$`. */
export interface ListBatchJobsOptions extends OperationOptions {
  /**
   * Send a `status` filter this client does not know (a status Mistral added since) instead of
   * rejecting it as a typo.
   * @default false
   */
  readonly allowUnknownStatus?: boolean
}

/** The option names of `list$` and `listPages$`. */
export const LIST_OPTIONS_KEYS: KnownKeys<ListBatchJobsOptions> = {
  signal: true,
  allowUnknownStatus: true,
}

/** Validated filters: the query of every page (without `page`) and the page size. */
export interface ListQuery {
  readonly query: QueryParams
  readonly pageSize: number
}

/** The list's own query parameters, which a bare metadata pair must not shadow. */
const LIST_PARAMETERS: ReadonlySet<string> = new Set(['page', ...Object.keys(LIST_FILTER_KEYS)])

// ISO 8601 date-time with a time zone, e.g. 2026-08-01T12:00:00Z or 2026-08-01T12:00:00.5+02:00.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

type Problem = InvalidRequestError | undefined

const invalid = (field: string, message: string): InvalidRequestError =>
  new InvalidRequestError(message, { field })

const createdAfter = (value: unknown): E.Either<InvalidRequestError, Date | undefined> => {
  if (value === undefined) return E.right(undefined)
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' && ISO_DATE_TIME.test(value)
        ? new Date(value)
        : undefined
  return date === undefined || Number.isNaN(date.getTime())
    ? E.left(
        invalid(
          'created_after',
          'created_after must be a valid Date or an ISO 8601 date-time with a time zone, ' +
            'e.g. "2026-08-01T12:00:00Z".',
        ),
      )
    : E.right(date)
}

const stringProblem = (filters: Record<string, unknown>, field: string): Problem =>
  filters[field] !== undefined && (typeof filters[field] !== 'string' || filters[field] === '')
    ? invalid(field, `${field} must be a non-empty string.`)
    : undefined

const metadataFilterProblem = (metadata: unknown): Problem => {
  if (metadata === undefined) return undefined
  const problem = metadataProblem('metadata', metadata)
  if (problem !== undefined) return problem
  const shadowing = Object.keys(metadata as object).find((key) => LIST_PARAMETERS.has(key))
  return shadowing === undefined
    ? undefined
    : invalid(
        'metadata',
        `metadata key ${quoteKey(shadowing)} cannot be filtered on: it is sent as a bare query ` +
          'parameter and would be read as the list parameter of that name.',
      )
}

// A status the API does not document is most likely a typo (`RUNNNING`): the server would answer
// the whole listing with a 422, so it is refused here, naming the closest known status.
const unknownStatusProblem = (statuses: ReadonlyArray<string>): Problem => {
  const known: ReadonlyArray<string> = BATCH_JOB_STATUSES
  const index = statuses.findIndex((status) => !known.includes(status))
  const status = statuses[index]
  if (status === undefined) return undefined
  const closest = closestKey(status, known)
  const hint = closest === undefined ? '' : ` (did you mean ${closest}?)`
  return invalid(
    `status[${index}]`,
    `status[${index}] ${quoteKey(status)} is not one of ${known.join(', ')}${hint}; ` +
      'pass allowUnknownStatus: true to send it anyway.',
  )
}

const filterProblem = (filters: Record<string, unknown>, allowUnknownStatus: boolean): Problem => {
  const { page_size: pageSize, status, order_by: orderBy, created_by_me: byMe } = filters
  if (
    pageSize !== undefined &&
    !(
      typeof pageSize === 'number' &&
      Number.isInteger(pageSize) &&
      pageSize >= PAGE_SIZE.min &&
      pageSize <= PAGE_SIZE.max
    )
  ) {
    return invalid('page_size', 'page_size must be a whole number from 1 to 1000.')
  }
  if (
    status !== undefined &&
    !(Array.isArray(status) && status.every((s) => typeof s === 'string' && s !== ''))
  ) {
    return invalid('status', 'status must be a list of statuses, e.g. ["QUEUED", "RUNNING"].')
  }
  if (status !== undefined && !allowUnknownStatus) {
    const problem = unknownStatusProblem(status as ReadonlyArray<string>)
    if (problem !== undefined) return problem
  }
  if (orderBy !== undefined && orderBy !== 'created' && orderBy !== '-created') {
    return invalid('order_by', 'order_by must be "created" or "-created".')
  }
  if (byMe !== undefined && typeof byMe !== 'boolean') {
    return invalid('created_by_me', 'created_by_me must be true or false.')
  }
  return (
    stringProblem(filters, 'model') ??
    stringProblem(filters, 'agent_id') ??
    metadataFilterProblem(filters.metadata)
  )
}

/**
 * The query of every page for `filters`, or the `InvalidRequestError` of the first bad one:
 * `page_size` outside 1..1000, a `created_after` that is no valid date, an unknown `order_by`,
 * `status` not a list of strings (or, unless `allowUnknownStatus`, of known statuses), metadata
 * outside its bounds or shadowing a list parameter.
 */
export const listQuery = (
  filters: ListBatchJobsFilters = {},
  allowUnknownStatus = false,
): E.Either<InvalidRequestError, ListQuery> => {
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    return E.left(invalid('filters', 'The list filters must be an object.'))
  }
  const unknown = unknownKeyError(filters, LIST_FILTER_KEYS, 'the list filters')
  if (unknown !== undefined) return E.left(unknown)
  const problem = filterProblem(filters as unknown as Record<string, unknown>, allowUnknownStatus)
  if (problem !== undefined) return E.left(problem)
  return pipe(
    createdAfter(filters.created_after),
    E.map((after) => {
      const pageSize = filters.page_size ?? PAGE_SIZE.default
      const query: QueryParams = {
        page_size: pageSize,
        model: filters.model,
        agent_id: filters.agent_id,
        metadata: filters.metadata,
        created_after: after,
        created_by_me: filters.created_by_me,
        status: filters.status,
        order_by: filters.order_by,
      }
      return { query, pageSize }
    }),
  )
}
