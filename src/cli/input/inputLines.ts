// Reads a JSONL request file line by line, checking each line's shape, in constant memory.
import { createReadStream, promises as fs } from 'node:fs'
import { createInterface } from 'node:readline'
import { CliError } from '../CliError.js'
import { EXIT_CODES } from '../exitCodes.js'
import { fileProblem, systemErrorOf } from '../fileProblems.js'

/** One request of the input file, as runBatch$ takes it. */
export interface InputRequest {
  /** The id that joins the request to its result; assigned by runBatch$ when absent. */
  readonly custom_id?: string
  /** The request body sent to the endpoint. */
  readonly body: Record<string, unknown>
}

/** A line of the input: its request, or why it is not one. */
export type CheckedLine =
  | { readonly ok: true; readonly lineNumber: number; readonly request: InputRequest }
  | { readonly ok: false; readonly lineNumber: number; readonly problem: string }

const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** Reads one non-blank line as a request, or says in a few words what is wrong with it. */
export const checkInputLine = (text: string, lineNumber: number): CheckedLine => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return { ok: false, lineNumber, problem: `not valid JSON (${why})` }
  }
  if (!isObject(value)) {
    return {
      ok: false,
      lineNumber,
      problem: 'expected an object like {"custom_id": "1", "body": {...}}',
    }
  }
  if (!isObject(value.body)) return { ok: false, lineNumber, problem: '"body" must be an object' }
  if (value.custom_id !== undefined && typeof value.custom_id !== 'string') {
    return { ok: false, lineNumber, problem: '"custom_id" must be a string' }
  }
  const request: InputRequest =
    value.custom_id === undefined
      ? { body: value.body }
      : { custom_id: value.custom_id, body: value.body }
  return { ok: true, lineNumber, request }
}

/** Fails with a usage error (exit 2) unless `path` is a readable regular file. */
export const assertReadableFile = async (path: string): Promise<void> => {
  let isFile: boolean
  try {
    isFile = (await fs.stat(path)).isFile()
    await fs.access(path, fs.constants.R_OK)
  } catch (error) {
    const code = systemErrorOf(error)?.code ?? String(error)
    throw new CliError(`cannot read ${path}: ${fileProblem(code) ?? code}`, EXIT_CODES.usage)
  }
  if (!isFile) throw new CliError(`cannot read ${path}: not a file`, EXIT_CODES.usage)
}

/**
 * Every non-blank line of the file at `path`, checked, with its line number from 1. Lines end at
 * `\n` or `\r\n`; a byte order mark at the start is skipped.
 */
export async function* checkedLines(path: string): AsyncGenerator<CheckedLine> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  })
  let lineNumber = 0
  for await (const raw of lines) {
    lineNumber += 1
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw
    if (text.trim() === '') continue
    yield checkInputLine(text, lineNumber)
  }
}
