// The checks of the Batch API's requests, reporting every problem as FastAPI's 422 `detail[]`
// would: a create-job body, and the job list's query (pagination, every filter of the spec, and
// metadata in both encodings).
import * as E from 'fp-ts/Either'
import {
  boolParam,
  checkEnum,
  intParam,
  issue,
  listParam,
  scalarParam,
  typeIssue,
  validated,
  type Issues,
  type Query,
} from '../http/wireErrors.js'
import { isRecord } from '../jsonValues.js'
import { JOB_STATUSES, type JobRecord, type JobStatus } from './jobRecord.js'

export interface CreateJobRequest {
  endpoint: string
  model: string | null
  agent_id: string | null
  metadata: Record<string, string> | null
  timeout_hours: number
  input_files: string[]
  /** Inline requests, or null for a file job. */
  requests: Array<{ custom_id: string | null; body: Record<string, unknown> }> | null
}

/** The endpoints a job may target, and the purpose of a stored file (undefined: no such file). */
type CreateJobContext = {
  endpoints: readonly string[]
  filePurpose(id: string): string | undefined
}

const MAX_INLINE_REQUESTS = 10_000

const optionalString = (issues: Issues, loc: Array<string | number>, value: unknown) => {
  if (value === undefined || value === null || typeof value === 'string') return value ?? null
  issues.push(typeIssue(loc, 'string_type', value))
  return null
}

/** Whether `value` is null/absent (false), an array (true), or neither (false, with an issue). */
const isList = (issues: Issues, key: string, value: unknown): value is unknown[] => {
  if (Array.isArray(value)) return true
  if (value !== undefined && value !== null)
    issues.push(typeIssue(['body', key], 'list_type', value))
  return false
}

const readMetadata = (issues: Issues, value: unknown): Record<string, string> | null => {
  if (value === undefined || value === null) return null
  if (!isRecord(value)) {
    issues.push(typeIssue(['body', 'metadata'], 'dict_type', value))
    return null
  }
  for (const [key, entry] of Object.entries(value)) {
    const loc = ['body', 'metadata', key]
    if (key.length < 1 || key.length > 32) {
      issues.push(issue(loc, 'Metadata keys must have 1 to 32 characters', key, 'string_too_long'))
    }
    if (typeof entry !== 'string') issues.push(typeIssue(loc, 'string_type', entry))
    else if (entry.length < 1 || entry.length > 512) {
      const msg = 'Metadata values must have 1 to 512 characters'
      issues.push(issue(loc, msg, entry, 'string_too_long'))
    }
  }
  return value as Record<string, string>
}

const readTimeout = (issues: Issues, value: unknown): number => {
  if (value === undefined) return 24
  const loc = ['body', 'timeout_hours']
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    issues.push(typeIssue(loc, 'int_type', value))
  } else if (value < 1 || value > 168) {
    issues.push(issue(loc, 'Input should be between 1 and 168', value, 'less_than_equal'))
  }
  return typeof value === 'number' ? value : 24
}

const readInputFiles = (issues: Issues, value: unknown, context: CreateJobContext): string[] => {
  if (!isList(issues, 'input_files', value)) return []
  value.forEach((id, index) => {
    const loc = ['body', 'input_files', index]
    if (typeof id !== 'string') return issues.push(typeIssue(loc, 'string_type', id))
    const purpose = context.filePurpose(id)
    if (purpose === undefined) issues.push(issue(loc, `File ${id} not found`, id, 'file_not_found'))
    else if (purpose !== 'batch') {
      const msg = `File ${id} is not a batch file (purpose ${purpose})`
      issues.push(issue(loc, msg, id, 'file_purpose'))
    }
  })
  return value.filter((id): id is string => typeof id === 'string')
}

const readRequests = (issues: Issues, value: unknown): CreateJobRequest['requests'] => {
  if (!isList(issues, 'requests', value)) return null
  if (value.length > MAX_INLINE_REQUESTS) {
    const msg = `List should have at most ${MAX_INLINE_REQUESTS} items after validation, not ${value.length}`
    issues.push(issue(['body', 'requests'], msg, value.length, 'too_long'))
    return null
  }
  const requests: NonNullable<CreateJobRequest['requests']> = []
  value.forEach((request, index) => {
    const loc = ['body', 'requests', index]
    if (!isRecord(request)) return issues.push(typeIssue(loc, 'dict_type', request))
    const customId = optionalString(issues, [...loc, 'custom_id'], request.custom_id)
    if (!isRecord(request.body)) {
      return issues.push(typeIssue([...loc, 'body'], 'missing', request.body ?? null))
    }
    requests.push({ custom_id: customId, body: request.body })
  })
  return requests
}

/** Validates a create body: the request, or the 422 issues (every one found, not just the first). */
export const validateCreateJob = (
  body: unknown,
  context: CreateJobContext,
): E.Either<Issues, CreateJobRequest> => {
  const issues: Issues = []
  if (!isRecord(body)) return E.left([typeIssue(['body'], 'dict_type', body)])
  if (body.endpoint === undefined) issues.push(typeIssue(['body', 'endpoint'], 'missing', null))
  else checkEnum(issues, ['body', 'endpoint'], context.endpoints, body.endpoint)
  const request: CreateJobRequest = {
    endpoint: body.endpoint as string,
    model: optionalString(issues, ['body', 'model'], body.model),
    agent_id: optionalString(issues, ['body', 'agent_id'], body.agent_id),
    metadata: readMetadata(issues, body.metadata),
    timeout_hours: readTimeout(issues, body.timeout_hours),
    input_files: readInputFiles(issues, body.input_files, context),
    requests: readRequests(issues, body.requests),
  }
  const hasFiles = Array.isArray(body.input_files) && body.input_files.length > 0
  const hasRequests = Array.isArray(body.requests) && body.requests.length > 0
  if (hasFiles === hasRequests) {
    const msg = hasFiles
      ? 'Give either input_files or requests, not both'
      : 'One of input_files or requests is required'
    issues.push(issue(['body'], msg, null))
  }
  return validated(issues, request)
}

const KNOWN_KEYS = new Set(
  'page page_size model agent_id metadata created_after created_by_me status order_by'.split(' '),
)

/**
 * Metadata filters: a JSON-encoded `metadata` value, `metadata[key]=value` pairs, and (as
 * Mistral's SDKs send them) bare `key=value` pairs for every key the route does not know.
 */
const readMetadataFilters = (issues: Issues, query: Query): Record<string, string> => {
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

const readOrder = (issues: Issues, query: Query): 'created' | '-created' => {
  const order = scalarParam(query, 'order_by') ?? '-created'
  if (order === 'created' || order === '-created') return order
  issues.push(
    issue(['query', 'order_by'], "Input should be 'created' or '-created'", order, 'enum'),
  )
  return '-created'
}

/**
 * The list query: its page and order, and whether a job passes every filter as listed by
 * `requester` (see `requesterOf`); or the 422 issues.
 */
export const parseJobListQuery = (query: Query, requester: string | null) => {
  const issues: Issues = []
  const page = intParam(issues, query, 'page', [0, 0])
  const pageSize = intParam(issues, query, 'page_size', [100, 1])
  // Only jobs created by the lister: the same bearer token, or none when it sent none.
  const createdByMe = boolParam(issues, query, 'created_by_me', false)
  const statuses = readStatuses(issues, query)
  const order = readOrder(issues, query)
  const createdAfterMs = readCreatedAfter(issues, query)
  const metadata = readMetadataFilters(issues, query)
  const model = scalarParam(query, 'model') || undefined
  const agentId = scalarParam(query, 'agent_id') || undefined
  const matches = (job: JobRecord): boolean =>
    (!createdByMe || (job.creator ?? null) === requester) &&
    (model === undefined || job.model === model) &&
    (agentId === undefined || job.agent_id === agentId) &&
    (createdAfterMs === undefined || job.created_ms >= createdAfterMs) &&
    (statuses.length === 0 || statuses.includes(job.status)) &&
    Object.entries(metadata).every(([key, value]) => job.metadata?.[key] === value)
  return validated(issues, { page, pageSize, order, matches })
}
