// Checks a create request against every bound of the API before anything is sent.
import * as E from 'fp-ts/Either'
import { API_ENDPOINTS } from '../codecs/ApiEndpoint.js'
import type { CreateBatchJobRequest } from '../codecs/CreateBatchJobRequest.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { uuidSegment } from '../http/uuidSegment.js'
import { describeType, unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import type {
  BatchJobFields,
  CreateBatchJobInput,
  CreateBatchJobOptions,
} from './createBatchJobInput.js'
import { bodyCheck, type BodyCheck } from '../jsonl/bodyCheck.js'
import { CustomIdRegistry } from '../jsonl/customIdRegistry.js'
import { checkRequests } from '../jsonl/preparedRequest.js'
import { IDEMPOTENCY_METADATA_KEY } from './idempotencyKey.js'
import { isRecord } from '../fp/either.js'
import { metadataProblem, METADATA_VALUE_LENGTH, quoteKey } from './validateMetadata.js'

/** The most inline requests one job takes. */
export const MAX_INLINE_REQUESTS = 10_000
/** The bounds of `timeout_hours`. */
export const TIMEOUT_HOURS = { min: 1, max: 168, default: 24 } as const

type Problem = InvalidRequestError | undefined

const invalid = (field: string, message: string): InvalidRequestError =>
  new InvalidRequestError(message, { field })

const present = (u: unknown): boolean => u !== undefined && u !== null

const endpointProblem = (endpoint: unknown, allowUnknown: boolean): Problem => {
  if (typeof endpoint !== 'string' || endpoint === '') {
    return invalid('endpoint', 'endpoint is required, e.g. "/v1/chat/completions".')
  }
  if (allowUnknown || (API_ENDPOINTS as ReadonlyArray<string>).includes(endpoint)) return undefined
  return invalid(
    'endpoint',
    `endpoint ${quoteKey(endpoint)} is not one of ${API_ENDPOINTS.join(', ')} ` +
      '(pass allowUnknownEndpoint: true to send it anyway).',
  )
}

const sourceProblem = (input: CreateBatchJobInput): Problem => {
  const { input_files: files, requests } = input as unknown as Record<string, unknown>
  if (present(files) && present(requests)) {
    return invalid('input_files', 'Give either input_files or requests, not both.')
  }
  if (!present(files) && !present(requests)) {
    return invalid('input_files', 'Give input_files (uploaded file ids) or inline requests.')
  }
  for (const [field, list] of [
    ['input_files', files],
    ['requests', requests],
  ] as const) {
    if (!present(list)) continue
    if (!Array.isArray(list)) return invalid(field, `${field} must be a list.`)
    if (list.length === 0) return invalid(field, `${field} must not be empty.`)
  }
  return undefined
}

const fileIdsProblem = (files: ReadonlyArray<unknown>): Problem => {
  for (const [index, id] of files.entries()) {
    if (E.isLeft(uuidSegment(`input_files[${index}]`, id))) {
      return invalid(`input_files[${index}]`, `input_files[${index}] must be a file id (a UUID).`)
    }
  }
  return undefined
}

const requestsProblem = (
  requests: ReadonlyArray<unknown>,
  checkBody: BodyCheck | undefined,
): Problem => {
  if (requests.length > MAX_INLINE_REQUESTS) {
    return invalid(
      'requests',
      `requests has ${requests.length} items but an inline job takes at most 10,000; ` +
        'upload them as a file instead.',
    )
  }
  const checked = checkRequests(requests, new CustomIdRegistry(false), checkBody)
  return E.isLeft(checked) ? checked.left : undefined
}

const validateBodiesProblem = (validate: unknown): Problem =>
  validate === undefined || typeof validate === 'boolean'
    ? undefined
    : invalid('validateBodies', 'validateBodies must be true or false.')

const optionalStringProblem = (input: Record<string, unknown>, field: string): Problem =>
  present(input[field]) && typeof input[field] !== 'string'
    ? invalid(field, `${field} must be a string.`)
    : undefined

const timeoutProblem = (hours: unknown): Problem =>
  hours === undefined ||
  (typeof hours === 'number' &&
    Number.isInteger(hours) &&
    hours >= TIMEOUT_HOURS.min &&
    hours <= TIMEOUT_HOURS.max)
    ? undefined
    : invalid('timeout_hours', `timeout_hours must be a whole number of hours from 1 to 168.`)

const idempotencyProblem = (key: unknown, metadata: unknown): Problem => {
  if (key === undefined) return undefined
  if (
    typeof key !== 'string' ||
    key.length < METADATA_VALUE_LENGTH.min ||
    key.length > METADATA_VALUE_LENGTH.max
  ) {
    return invalid(
      'idempotencyKey',
      'idempotencyKey must be a string of 1 to 512 characters (it is stored as a metadata value).',
    )
  }
  if (isRecord(metadata) && IDEMPOTENCY_METADATA_KEY in metadata) {
    return invalid(
      `metadata.${IDEMPOTENCY_METADATA_KEY}`,
      `metadata.${IDEMPOTENCY_METADATA_KEY} is where idempotencyKey is stored; ` +
        'rename that entry or leave idempotencyKey out.',
    )
  }
  return undefined
}

const firstProblem = (
  input: CreateBatchJobInput,
  options: CreateBatchJobOptions,
): InvalidRequestError | undefined => {
  const fields = input as unknown as Record<string, unknown>
  const checks: ReadonlyArray<() => Problem> = [
    () => validateBodiesProblem(options.validateBodies),
    () => endpointProblem(fields.endpoint, options.allowUnknownEndpoint === true),
    () => sourceProblem(input),
    () => (Array.isArray(fields.input_files) ? fileIdsProblem(fields.input_files) : undefined),
    () =>
      Array.isArray(fields.requests)
        ? requestsProblem(fields.requests, bodyCheck(fields.endpoint, options.validateBodies))
        : undefined,
    () => optionalStringProblem(fields, 'model'),
    () => optionalStringProblem(fields, 'agent_id'),
    () => timeoutProblem(fields.timeout_hours),
    () => (present(fields.metadata) ? metadataProblem('metadata', fields.metadata) : undefined),
    () => idempotencyProblem(options.idempotencyKey, fields.metadata),
  ]
  for (const check of checks) {
    const problem = check()
    if (problem !== undefined) return problem
  }
  return undefined
}

const JOB_FIELD_KEYS: KnownKeys<BatchJobFields> = {
  endpoint: true,
  model: true,
  agent_id: true,
  metadata: true,
  timeout_hours: true,
}

const CREATE_REQUEST_KEYS: KnownKeys<CreateBatchJobInput> = {
  ...JOB_FIELD_KEYS,
  input_files: true,
  requests: true,
}

const CREATE_OPTIONS_KEYS: KnownKeys<CreateBatchJobOptions> = {
  idempotencyKey: true,
  allowUnknownEndpoint: true,
  validateBodies: true,
  signal: true,
}

const withKey = (
  metadata: CreateBatchJobInput['metadata'],
  key: string | undefined,
): Record<string, string> | undefined => {
  if (key === undefined)
    return metadata === null || metadata === undefined ? undefined : { ...metadata }
  return { ...metadata, [IDEMPOTENCY_METADATA_KEY]: key }
}

/**
 * The body to send for `input` (`timeout_hours` defaulting to 24, the idempotency key in the
 * metadata), or the `InvalidRequestError` of the first bound of the API it breaks.
 */
export const validateCreateRequest = (
  input: CreateBatchJobInput,
  options: CreateBatchJobOptions = {},
): E.Either<InvalidRequestError, CreateBatchJobRequest> => {
  if (!isRecord(input)) {
    return E.left(invalid('request', 'The create request must be an object.'))
  }
  // A misspelt field (`timeout_hour`) would be dropped from the body without a word.
  const unknown =
    unknownKeyError(input, CREATE_REQUEST_KEYS, 'the create request') ??
    unknownKeyError(options, CREATE_OPTIONS_KEYS, 'create$ options')
  if (unknown !== undefined) return E.left(unknown)
  const problem = firstProblem(input, options)
  if (problem !== undefined) return E.left(problem)
  const metadata = withKey(input.metadata, options.idempotencyKey)
  return E.right({
    endpoint: input.endpoint,
    ...(present(input.input_files) ? { input_files: [...(input.input_files ?? [])] } : {}),
    ...(present(input.requests)
      ? {
          requests: (input.requests ?? []).map((request) => ({
            ...(present(request.custom_id) ? { custom_id: request.custom_id } : {}),
            body: { ...request.body },
          })),
        }
      : {}),
    ...(present(input.model) ? { model: input.model } : {}),
    ...(present(input.agent_id) ? { agent_id: input.agent_id } : {}),
    ...(metadata === undefined ? {} : { metadata }),
    timeout_hours: input.timeout_hours ?? TIMEOUT_HOURS.default,
  })
}

// Any UUID: the job fields are checked before the first upload, when no file id exists yet.
const PLACEHOLDER_FILE_ID = '00000000-0000-4000-8000-000000000000'

/**
 * `job`, checked as each create of a run or a batcher will check it (unknown names with the
 * closest known one, then every bound), before anything is sent; a field of `job` is named
 * `job.<name>` in the error.
 */
export const checkJobFields = (
  job: unknown,
  where: string,
  options: CreateBatchJobOptions = {},
): E.Either<InvalidRequestError, BatchJobFields> => {
  if (!isRecord(job)) {
    const got = describeType(job)
    return E.left(
      invalid('job', `${where} must be an object with at least an endpoint, got ${got}`),
    )
  }
  const unknown = unknownKeyError(job, JOB_FIELD_KEYS, where)
  if (unknown !== undefined) return E.left(unknown)
  const fields = job as unknown as BatchJobFields
  const checked = validateCreateRequest({ ...fields, input_files: [PLACEHOLDER_FILE_ID] }, options)
  if (E.isRight(checked)) return E.right(fields)
  const { field, message } = checked.left
  const root = field?.split(/[.[]/)[0] ?? ''
  return E.left(
    root in JOB_FIELD_KEYS
      ? new InvalidRequestError(`${where}: ${message}`, { field: `job.${field}` })
      : checked.left,
  )
}
