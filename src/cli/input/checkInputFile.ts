// The pass over the input before anything is sent: every line must be a request, ids unique.
import { CliError } from '../CliError.js'
import { EXIT_CODES } from '../exitCodes.js'
import { plural } from '../render/plural.js'
import { assertReadableFile, checkedLines, type InputRequest } from './inputLines.js'
import { RequestLines } from './requestLines.js'

/** Problems listed in the message; the rest are counted. */
const SHOWN_PROBLEMS = 5

/** What the check learned about a valid input. */
export interface CheckedInput {
  /** The requests in the file. */
  readonly requests: number
  /** The line of each request, to speak of a request the client refuses by its line. */
  readonly lines: RequestLines
}

/**
 * Reads the whole file once and resolves with its request count and their lines, or rejects
 * with a usage error (exit 2) naming the invalid lines by number: not JSON, not an object, no
 * object `body`, a `custom_id` that is not a string or repeats an earlier one. Only the
 * custom_ids are kept.
 */
export const checkInputFile = async (path: string): Promise<CheckedInput> => {
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
  for await (const line of checkedLines(path)) {
    if (!line.ok) {
      report(line.lineNumber, line.problem)
      continue
    }
    lines.add(requests, line.lineNumber)
    requests += 1
    const id = line.request.custom_id
    if (id === undefined) continue
    const first = seen.get(id)
    if (first === undefined) seen.set(id, line.lineNumber)
    else report(line.lineNumber, `custom_id "${id}" repeats line ${first}`)
  }
  if (invalid > 0) {
    const more = invalid > problems.length ? `; and ${invalid - problems.length} more` : ''
    throw new CliError(
      `${path}: ${plural(invalid, 'invalid line')}, nothing was sent: ` +
        `${problems.join('; ')}${more}`,
      EXIT_CODES.usage,
    )
  }
  if (requests === 0) throw new CliError(`${path}: no requests in the file`, EXIT_CODES.usage)
  return { requests, lines }
}

/** The requests of a file that passed `checkInputFile`, read again as they are needed. */
export async function* inputRequests(path: string): AsyncGenerator<InputRequest> {
  for await (const line of checkedLines(path)) {
    if (!line.ok) {
      throw new CliError(
        `${path}: line ${line.lineNumber} changed while running: ${line.problem}`,
        EXIT_CODES.usage,
      )
    }
    yield line.request
  }
}
