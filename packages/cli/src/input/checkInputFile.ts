// The input JSONL, in constant memory: checked in one pass before anything is sent (requests,
// unique ids, each one's line kept for messages), then read again as requests are needed.
import { createReadStream, promises as fs } from 'node:fs'
import type { BatchRequestInput } from 'mistral-batch-rx'
import { messageOf, usageError } from '../exitCodes.js'
import { FILE_PROBLEMS, systemErrorOf } from '../describeError.js'
import { plural } from '../render/formatUnits.js'
import { nonBlankLines } from './nonBlankLines.js'

/** A reference to a request in a message of the client: `requests[3]`, `requests[3].body.n`. */
const REQUEST_REFERENCE = /requests\[(\d+)\]((?:\.[A-Za-z_$][\w$]*|\[\d+\])*)/g

/** Each request's line (blank lines shift it from the index), kept as the points where the shift
 * changes: a file without blank lines costs nothing. */
export class RequestLines {
  readonly #shifts: Array<{ readonly from: number; readonly by: number }> = []

  /** Records that request `index` (from 0) is on line `lineNumber` (from 1); call in order. */
  add(index: number, lineNumber: number): void {
    const by = lineNumber - index - 1
    if ((this.#shifts.at(-1)?.by ?? 0) !== by) this.#shifts.push({ from: index, by })
  }

  /** The line number (from 1) of request `index` (from 0). */
  lineOf(index: number): number {
    let by = 0
    for (const shift of this.#shifts) {
      if (shift.from > index) break
      by = shift.by
    }
    return index + 1 + by
  }

  /** `text` with the client's `requests[i]` said as the file's line: `the custom_id of line 5`. */
  inLines(text: string): string {
    return text.replace(REQUEST_REFERENCE, (_match, index: string, path: string) => {
      const line = `line ${this.lineOf(Number(index))}`
      return path === '' ? line : `the ${path.replace(/^\./, '')} of ${line}`
    })
  }
}

/** Problems listed in the message; the rest are counted. */
const SHOWN_PROBLEMS = 5

/** Whether `u` is a JSON object: not null, not an array. */
export const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** The request on one non-blank line, or in a few words what is wrong with it. */
const requestOf = (text: string): BatchRequestInput | string => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return `not valid JSON (${messageOf(error)})`
  }
  if (!isObject(value)) return 'expected an object like {"custom_id": "1", "body": {...}}'
  if (!isObject(value.body)) return '"body" must be an object'
  if (value.custom_id === undefined) return { body: value.body }
  if (typeof value.custom_id !== 'string') return '"custom_id" must be a string'
  return { custom_id: value.custom_id, body: value.body }
}

/** Each non-blank line with its number from 1: its request, or what is wrong with it. */
async function* checkedLines(path: string) {
  for await (const { lineNumber, text } of nonBlankLines(createReadStream(path, 'utf8'))) {
    yield { lineNumber, request: requestOf(text) }
  }
}

/** Fails with a usage error (exit 2) unless `path` is a readable regular file. */
export const assertReadableFile = async (path: string): Promise<void> => {
  let isFile: boolean
  try {
    isFile = (await fs.stat(path)).isFile()
    await fs.access(path, fs.constants.R_OK)
  } catch (error) {
    const code = systemErrorOf(error)?.code ?? String(error)
    throw usageError(`cannot read ${path}: ${FILE_PROBLEMS[code] ?? code}`)
  }
  if (!isFile) throw usageError(`cannot read ${path}: not a file`)
}

/** One pass: the request count and lines, or a usage error (exit 2) naming the invalid lines (not
 * JSON, no object `body`, a bad or repeated `custom_id`). Only the custom_ids are kept. */
export const checkInputFile = async (
  path: string,
): Promise<{ readonly requests: number; readonly lines: RequestLines }> => {
  await assertReadableFile(path)
  const problems: string[] = []
  let invalid = 0
  let requests = 0
  const seen = new Map<string, number>()
  const lines = new RequestLines()
  const report = (lineNumber: number, problem: string) => {
    invalid += 1
    if (problems.length < SHOWN_PROBLEMS) problems.push(`line ${lineNumber}: ${problem}`)
  }
  for await (const { lineNumber, request } of checkedLines(path)) {
    if (typeof request === 'string') {
      report(lineNumber, request)
      continue
    }
    lines.add(requests, lineNumber)
    requests += 1
    const id = request.custom_id
    if (typeof id !== 'string') continue
    const first = seen.get(id)
    if (first === undefined) seen.set(id, lineNumber)
    else report(lineNumber, `custom_id "${id}" repeats line ${first}`)
  }
  if (invalid > 0) {
    const more = invalid > problems.length ? `; and ${invalid - problems.length} more` : ''
    throw usageError(
      `${path}: ${plural(invalid, 'invalid line')}, nothing was sent: ${problems.join('; ')}${more}`,
    )
  }
  if (requests === 0) throw usageError(`${path}: no requests in the file`)
  return { requests, lines }
}

/** The requests of a file that passed `checkInputFile`, read again as they are needed. */
export async function* inputRequests(path: string): AsyncGenerator<BatchRequestInput> {
  for await (const { lineNumber, request } of checkedLines(path)) {
    if (typeof request === 'string') {
      throw usageError(`${path}: line ${lineNumber} changed while running: ${request}`)
    }
    yield request
  }
}
