// Validation of a create-job body, reporting every problem as FastAPI's 422 `detail[]` would.
import { issue, type ValidationIssue } from '../http/wireErrors.js'

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
export interface CreateJobContext {
  /** The endpoints a job may target. */
  endpoints: readonly string[]
  /** The purpose of a stored file, or undefined when there is no such file. */
  filePurpose(id: string): string | undefined
}

/** The most inline requests one job takes. */
export const MAX_INLINE_REQUESTS = 10_000

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const optionalString = (
  body: Record<string, unknown>,
  key: string,
  issues: ValidationIssue[],
): string | null => {
  const value = body[key]
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return value
  issues.push(issue(['body', key], 'Input should be a valid string', value, 'string_type'))
  return null
}

const readMetadata = (value: unknown, issues: ValidationIssue[]): Record<string, string> | null => {
  if (value === undefined || value === null) return null
  if (!isRecord(value)) {
    issues.push(
      issue(['body', 'metadata'], 'Input should be a valid dictionary', value, 'dict_type'),
    )
    return null
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key.length < 1 || key.length > 32) {
      issues.push(
        issue(
          ['body', 'metadata', key],
          'Metadata keys must have 1 to 32 characters',
          key,
          'string_too_long',
        ),
      )
    }
    if (typeof entry !== 'string') {
      issues.push(
        issue(['body', 'metadata', key], 'Input should be a valid string', entry, 'string_type'),
      )
    } else if (entry.length < 1 || entry.length > 512) {
      issues.push(
        issue(
          ['body', 'metadata', key],
          'Metadata values must have 1 to 512 characters',
          entry,
          'string_too_long',
        ),
      )
    }
  }
  return value as Record<string, string>
}

const readTimeout = (value: unknown, issues: ValidationIssue[]): number => {
  if (value === undefined) return 24
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    issues.push(
      issue(['body', 'timeout_hours'], 'Input should be a valid integer', value, 'int_type'),
    )
  } else if (value < 1 || value > 168) {
    issues.push(
      issue(
        ['body', 'timeout_hours'],
        'Input should be between 1 and 168',
        value,
        'less_than_equal',
      ),
    )
  }
  return typeof value === 'number' ? value : 24
}

const readInputFiles = (
  value: unknown,
  context: CreateJobContext,
  issues: ValidationIssue[],
): string[] => {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    issues.push(issue(['body', 'input_files'], 'Input should be a valid list', value, 'list_type'))
    return []
  }
  value.forEach((id: unknown, index) => {
    const loc = ['body', 'input_files', index]
    if (typeof id !== 'string') {
      issues.push(issue(loc, 'Input should be a valid string', id, 'string_type'))
      return
    }
    const purpose = context.filePurpose(id)
    if (purpose === undefined) issues.push(issue(loc, `File ${id} not found`, id, 'file_not_found'))
    else if (purpose !== 'batch') {
      issues.push(
        issue(loc, `File ${id} is not a batch file (purpose ${purpose})`, id, 'file_purpose'),
      )
    }
  })
  return value.filter((id): id is string => typeof id === 'string')
}

const readRequests = (value: unknown, issues: ValidationIssue[]): CreateJobRequest['requests'] => {
  if (value === undefined || value === null) return null
  if (!Array.isArray(value)) {
    issues.push(issue(['body', 'requests'], 'Input should be a valid list', value, 'list_type'))
    return null
  }
  if (value.length > MAX_INLINE_REQUESTS) {
    issues.push(
      issue(
        ['body', 'requests'],
        `List should have at most ${MAX_INLINE_REQUESTS} items after validation, not ${value.length}`,
        value.length,
        'too_long',
      ),
    )
    return null
  }
  const requests: NonNullable<CreateJobRequest['requests']> = []
  value.forEach((request: unknown, index) => {
    const loc = ['body', 'requests', index]
    if (!isRecord(request)) {
      issues.push(issue(loc, 'Input should be a valid dictionary', request, 'dict_type'))
      return
    }
    const customId = request.custom_id
    if (customId !== undefined && customId !== null && typeof customId !== 'string') {
      issues.push(
        issue([...loc, 'custom_id'], 'Input should be a valid string', customId, 'string_type'),
      )
    }
    if (!isRecord(request.body)) {
      issues.push(issue([...loc, 'body'], 'Field required', request.body ?? null, 'missing'))
      return
    }
    requests.push({ custom_id: typeof customId === 'string' ? customId : null, body: request.body })
  })
  return requests
}

/** Validates a create body: the request, or the 422 issues (every one found, not just the first). */
export const validateCreateJob = (
  body: unknown,
  context: CreateJobContext,
): { ok: true; request: CreateJobRequest } | { ok: false; issues: ValidationIssue[] } => {
  if (!isRecord(body)) {
    return {
      ok: false,
      issues: [issue(['body'], 'Input should be a valid dictionary', body, 'dict_type')],
    }
  }
  const issues: ValidationIssue[] = []
  const endpoint = body.endpoint
  if (typeof endpoint !== 'string' || !context.endpoints.includes(endpoint)) {
    issues.push(
      endpoint === undefined
        ? issue(['body', 'endpoint'], 'Field required', null, 'missing')
        : issue(
            ['body', 'endpoint'],
            `Input should be ${context.endpoints.map((e) => `'${e}'`).join(', ')}`,
            endpoint,
            'enum',
          ),
    )
  }
  const model = optionalString(body, 'model', issues)
  const agentId = optionalString(body, 'agent_id', issues)
  const metadata = readMetadata(body.metadata, issues)
  const timeoutHours = readTimeout(body.timeout_hours, issues)
  const inputFiles = readInputFiles(body.input_files, context, issues)
  const requests = readRequests(body.requests, issues)
  const hasFiles = Array.isArray(body.input_files) && body.input_files.length > 0
  const hasRequests = Array.isArray(body.requests) && body.requests.length > 0
  if (hasFiles === hasRequests) {
    issues.push(
      issue(
        ['body'],
        hasFiles
          ? 'Give either input_files or requests, not both'
          : 'One of input_files or requests is required',
        null,
        'value_error',
      ),
    )
  }
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    request: {
      endpoint: endpoint as string,
      model,
      agent_id: agentId,
      metadata,
      timeout_hours: timeoutHours,
      input_files: inputFiles,
      requests,
    },
  }
}
