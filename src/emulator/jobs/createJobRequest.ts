// Validation of a create-job body, reporting every problem as FastAPI's 422 `detail[]` would.
import * as E from 'fp-ts/Either'
import { isRecord } from '../jsonValues.js'
import { checkEnum, issue, typeIssue, validated, type Issues } from '../http/wireErrors.js'

/** A create request that passed validation. */
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

/** What the validator needs to know about the world. */
interface CreateJobContext {
  /** The endpoints a job may target. */
  endpoints: readonly string[]
  /** The purpose of a stored file, or undefined when there is no such file. */
  filePurpose(id: string): string | undefined
}

/** The most inline requests one job takes. */
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
