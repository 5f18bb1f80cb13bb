// The batch job list's query: pagination, every filter of the spec, and metadata in both encodings.
import { boolParam, intParam, listParam, scalarParam, type Query } from '../http/queryParams.js'
import { issue, type ValidationIssue } from '../http/wireErrors.js'
import { JOB_STATUSES, type JobRecord, type JobStatus } from './jobRecord.js'

/** A parsed list query. */
export interface JobListQuery {
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

const KNOWN_KEYS = new Set([
  'page',
  'page_size',
  'model',
  'agent_id',
  'metadata',
  'created_after',
  'created_by_me',
  'status',
  'order_by',
])

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * Metadata filters: a JSON-encoded `metadata` value, `metadata[key]=value` pairs, and (as
 * Mistral's SDKs send them) bare `key=value` pairs for every key the route does not know.
 */
const readMetadata = (query: Query, issues: ValidationIssue[]): Record<string, string> => {
  const filters: Record<string, string> = {}
  const json = scalarParam(query, 'metadata')
  if (json !== undefined && json !== '') {
    try {
      const parsed: unknown = JSON.parse(json)
      if (!isRecord(parsed)) throw new TypeError('not an object')
      for (const [key, value] of Object.entries(parsed)) filters[key] = String(value)
    } catch {
      issues.push(
        issue(['query', 'metadata'], 'Input should be a JSON object', json, 'json_invalid'),
      )
    }
  }
  for (const key of Object.keys(query)) {
    const bracketed = /^metadata\[(.+)\]$/.exec(key)
    const name = bracketed?.[1] ?? (KNOWN_KEYS.has(key) ? undefined : key)
    const value = scalarParam(query, key)
    if (name !== undefined && value !== undefined) filters[name] = value
  }
  return filters
}

/** Parses the list query, or gives the 422 issues. */
export const parseJobListQuery = (
  query: Query,
): { ok: true; value: JobListQuery } | { ok: false; issues: ValidationIssue[] } => {
  const issues: ValidationIssue[] = []
  const page = intParam(query, 'page', 0, 0)
  const pageSize = intParam(query, 'page_size', 100, 1)
  const createdByMe = boolParam(query, 'created_by_me', false)
  for (const result of [page, pageSize, createdByMe]) if (!result.ok) issues.push(result.issue)

  const statuses = listParam(query, 'status')
  for (const status of statuses) {
    if (!(JOB_STATUSES as readonly string[]).includes(status)) {
      issues.push(
        issue(['query', 'status'], `Input should be ${JOB_STATUSES.join(', ')}`, status, 'enum'),
      )
    }
  }
  const order = scalarParam(query, 'order_by') ?? '-created'
  if (order !== 'created' && order !== '-created') {
    issues.push(
      issue(['query', 'order_by'], "Input should be 'created' or '-created'", order, 'enum'),
    )
  }
  const createdAfter = scalarParam(query, 'created_after')
  const createdAfterMs =
    createdAfter === undefined || createdAfter === '' ? undefined : Date.parse(createdAfter)
  if (createdAfterMs !== undefined && Number.isNaN(createdAfterMs)) {
    issues.push(
      issue(
        ['query', 'created_after'],
        'Input should be a valid datetime',
        createdAfter,
        'datetime_parsing',
      ),
    )
  }
  const metadata = readMetadata(query, issues)
  if (issues.length > 0 || !page.ok || !pageSize.ok) return { ok: false, issues }
  return {
    ok: true,
    value: {
      page: page.value,
      pageSize: pageSize.value,
      model: scalarParam(query, 'model') || undefined,
      agentId: scalarParam(query, 'agent_id') || undefined,
      metadata,
      createdAfterMs,
      statuses: statuses as JobStatus[],
      createdByMe: createdByMe.ok && createdByMe.value,
      order: order as JobListQuery['order'],
    },
  }
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
