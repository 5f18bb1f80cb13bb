// Mistral's error bodies, as WIRE.md documents them, and the 422 issues every request check collects.
import type { FastifyReply } from 'fastify'
import * as E from 'fp-ts/Either'

/** The documented Mistral error body. */
interface MistralErrorBody {
  object: 'error'
  message: string
  type: string
  param: string | null
  code: string | null
}

/** One entry of a 422 `detail[]` (FastAPI's validation error). */
interface ValidationIssue {
  type: string
  loc: Array<string | number>
  msg: string
  input: unknown
}

/** A 422 body: `{ detail: [...] }`. */
interface ValidationErrorBody {
  detail: ValidationIssue[]
}

/** The error body Mistral returns for a status, in its documented shape. */
export const errorBody = (
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): MistralErrorBody => ({ object: 'error', message, type, param, code })

/** 404 for an id that does not exist (`what` is `File` or `Batch job`). */
export const notFound = (reply: FastifyReply, what: string, id: string): FastifyReply =>
  reply.code(404).send(errorBody(`${what} ${id} not found`, 'invalid_request_error', 'not_found'))

const SERVER_ERRORS: Record<number, string> = {
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
}

/** 5xx bodies, by status. */
export const serverErrorBody = (status: number): MistralErrorBody =>
  errorBody(SERVER_ERRORS[status] ?? 'Server error', 'internal_server_error', String(status))

/** The error body for an upload over the size limit. */
export const tooLargeBody = (maxBytes: number): MistralErrorBody =>
  errorBody(
    `File too large: the maximum is ${maxBytes} bytes`,
    'invalid_request_error',
    'file_too_large',
    'file',
  )

/**
 * The one validation style of the request checks: each check pushes what it finds onto a shared
 * `issues` list and returns the value it read, so a 422 reports every problem, as FastAPI does.
 */
export type Issues = ValidationIssue[]

/** One 422 issue. */
export const issue = (
  loc: Array<string | number>,
  msg: string,
  input: unknown,
  type = 'value_error',
): ValidationIssue => ({ type, loc, msg, input })

/** pydantic's message of each type error a check reports. */
const TYPE_MESSAGES = {
  missing: 'Field required',
  string_type: 'Input should be a valid string',
  dict_type: 'Input should be a valid dictionary',
  list_type: 'Input should be a valid list',
  int_type: 'Input should be a valid integer',
  int_parsing: 'Input should be a valid integer',
}

/** The issue of a value of the wrong type (or a missing one) at `loc`. */
export const typeIssue = (
  loc: Array<string | number>,
  type: keyof typeof TYPE_MESSAGES,
  input: unknown,
): ValidationIssue => issue(loc, TYPE_MESSAGES[type], input, type)

/** Pushes the `enum` issue unless `value` is one of `allowed`; true when it is. */
export const checkEnum = (
  issues: Issues,
  loc: Array<string | number>,
  allowed: readonly string[],
  value: unknown,
): boolean => {
  const ok = typeof value === 'string' && allowed.includes(value)
  if (!ok)
    issues.push(
      issue(loc, `Input should be ${allowed.map((a) => `'${a}'`).join(', ')}`, value, 'enum'),
    )
  return ok
}

/** The value read, or every issue found while reading it. */
export const validated = <A>(issues: Issues, value: A): E.Either<Issues, A> =>
  issues.length > 0 ? E.left(issues) : E.right(value)

/** Answers 422 with the issues. */
export const unprocessable = (reply: FastifyReply, issues: Issues): FastifyReply =>
  reply.code(422).send({ detail: issues } satisfies ValidationErrorBody)
