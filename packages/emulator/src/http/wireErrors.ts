// Mistral's error bodies, as WIRE.md documents them, the 422 issues every request check collects,
// and query parameters read the way Mistral's API reads them (repeated keys as lists).
import type { FastifyReply } from 'fastify'
import * as E from 'fp-ts/Either'

/** One entry of a 422 `detail[]` (FastAPI's validation error). */
type ValidationIssue = { type: string; loc: Array<string | number>; msg: string; input: unknown }

/** The error body Mistral returns for a status, in its documented shape. */
export const errorBody = (
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
) => ({ object: 'error', message, type, param, code })

/** 404 for an id that does not exist (`what` is `File` or `Batch job`). */
export const notFound = (reply: FastifyReply, what: string, id: string): FastifyReply =>
  reply.code(404).send(errorBody(`${what} ${id} not found`, 'invalid_request_error', 'not_found'))

const SERVER_ERRORS: Record<number, string> = {
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
}

export const serverErrorBody = (status: number) =>
  errorBody(SERVER_ERRORS[status] ?? 'Server error', 'internal_server_error', String(status))

export const tooLargeBody = (maxBytes: number) =>
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

export const unprocessable = (reply: FastifyReply, issues: Issues): FastifyReply =>
  reply.code(422).send({ detail: issues })

export type Query = Record<string, string | string[] | undefined>

/** Every value of a key, whether it came once, repeated, or comma-joined. */
export const listParam = (query: Query, key: string): string[] =>
  [query[key] ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '')

/** The last value of a key (a repeated scalar keeps the last, as most servers do). */
export const scalarParam = (query: Query, key: string): string | undefined => {
  const value = query[key]
  return Array.isArray(value) ? value[value.length - 1] : value
}

/** An integer parameter in `min..max`, `fallback` when absent or wrong (then with an issue). */
export const intParam = (
  issues: Issues,
  query: Query,
  key: string,
  [fallback, min, max = Number.MAX_SAFE_INTEGER]: [number, number, number?],
): number => {
  const raw = scalarParam(query, key)
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (/^-?\d+$/.test(raw) && value >= min && value <= max) return value
  const msg = `Input should be an integer between ${min} and ${max}`
  issues.push(issue(['query', key], msg, raw, 'int_parsing'))
  return fallback
}

const BOOLEANS = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
])

/** A boolean parameter (`true`/`false`, also `1`/`0`), `fallback` when absent or wrong. */
export const boolParam = (issues: Issues, query: Query, key: string, fallback: boolean) => {
  const raw = scalarParam(query, key)
  const value = raw === undefined || raw === '' ? fallback : BOOLEANS.get(raw.toLowerCase())
  if (value !== undefined) return value
  issues.push(issue(['query', key], 'Input should be a valid boolean', raw, 'bool_parsing'))
  return fallback
}
