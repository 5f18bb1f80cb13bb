// The batch job list's query: pagination, every filter of the spec, and metadata in both encodings.
import type * as E from 'fp-ts/Either'
import {
  boolParam,
  intParam,
  issue,
  listParam,
  scalarParam,
  validated,
  type Issues,
  type Query,
} from '../http/wireErrors.js'
import { isRecord } from '../jsonValues.js'
import { JOB_STATUSES, type JobRecord, type JobStatus } from './jobRecord.js'

/** A parsed list query. */
interface JobListQuery {
  page: number
  pageSize: number
  model: string | undefined
  agentId: string | undefined
  /** Every key must equal its value in the job's metadata. */
  metadata: Record<string, string>
  /** Only jobs created at or after this ms timestamp. */
  createdAfterMs: number | undefined
  statuses: JobStatus[]
  /** Only jobs created by the lister: the same bearer token, or none when it sent none. */
  createdByMe: boolean
  order: 'created' | '-created'
}

const KNOWN_KEYS = new Set(
  'page page_size model agent_id metadata created_after created_by_me status order_by'.split(' '),
)

/**
 * Metadata filters: a JSON-encoded `metadata` value, `metadata[key]=value` pairs, and (as
 * Mistral's SDKs send them) bare `key=value` pairs for every key the route does not know.
 */
const readMetadata = (issues: Issues, query: Query): Record<string, string> => {
  const filters: Record<string, string> = {}
  const json = scalarParam(query, 'metadata')
  if (json !== undefined && json !== '') {
    try {
      const parsed: unknown = JSON.parse(json)
      if (!isRecord(parsed)) throw new TypeError('not an object')
      for (const [key, value] of Object.entries(parsed)) filters[key] = String(value)
    } catch {
      const msg = 'Input should be a JSON object'
      issues.push(issue(['query', 'metadata'], msg, json, 'json_invalid'))
    }
  }
  for (const key of Object.keys(query)) {
    const name = /^metadata\[(.+)\]$/.exec(key)?.[1] ?? (KNOWN_KEYS.has(key) ? undefined : key)
    const value = scalarParam(query, key)
    if (name !== undefined && value !== undefined) filters[name] = value
  }
  return filters
}

const readStatuses = (issues: Issues, query: Query): JobStatus[] => {
  const statuses = listParam(query, 'status')
  for (const status of statuses) {
    if (!(JOB_STATUSES as readonly string[]).includes(status)) {
      const msg = `Input should be ${JOB_STATUSES.join(', ')}`
      issues.push(issue(['query', 'status'], msg, status, 'enum'))
    }
  }
  return statuses as JobStatus[]
}

const readCreatedAfter = (issues: Issues, query: Query): number | undefined => {
  const createdAfter = scalarParam(query, 'created_after')
  if (createdAfter === undefined || createdAfter === '') return undefined
  const ms = Date.parse(createdAfter)
  if (Number.isNaN(ms)) {
    const msg = 'Input should be a valid datetime'
    issues.push(issue(['query', 'created_after'], msg, createdAfter, 'datetime_parsing'))
  }
  return ms
}

const readOrder = (issues: Issues, query: Query): JobListQuery['order'] => {
  const order = scalarParam(query, 'order_by') ?? '-created'
  if (order === 'created' || order === '-created') return order
  issues.push(
    issue(['query', 'order_by'], "Input should be 'created' or '-created'", order, 'enum'),
  )
  return '-created'
}

/** Parses the list query, or gives the 422 issues. */
export const parseJobListQuery = (query: Query): E.Either<Issues, JobListQuery> => {
  const issues: Issues = []
  return validated(issues, {
    page: intParam(issues, query, 'page', [0, 0]),
    pageSize: intParam(issues, query, 'page_size', [100, 1]),
    createdByMe: boolParam(issues, query, 'created_by_me', false),
    statuses: readStatuses(issues, query),
    order: readOrder(issues, query),
    createdAfterMs: readCreatedAfter(issues, query),
    metadata: readMetadata(issues, query),
    model: scalarParam(query, 'model') || undefined,
    agentId: scalarParam(query, 'agent_id') || undefined,
  })
}

/** Whether a job passes every filter of the query, as listed by `requester` (see `requesterOf`). */
export const jobMatches = (
  query: JobListQuery,
  job: JobRecord,
  requester: string | null,
): boolean =>
  (!query.createdByMe || (job.creator ?? null) === requester) &&
  (query.model === undefined || job.model === query.model) &&
  (query.agentId === undefined || job.agent_id === query.agentId) &&
  (query.createdAfterMs === undefined || job.created_ms >= query.createdAfterMs) &&
  (query.statuses.length === 0 || query.statuses.includes(job.status)) &&
  Object.entries(query.metadata).every(([key, value]) => job.metadata?.[key] === value)
