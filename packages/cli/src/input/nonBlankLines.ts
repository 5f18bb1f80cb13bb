// The non-blank lines of a JSONL input, a file or stdin, read as they arrive (constant memory).
import { createInterface } from 'node:readline'

/** A line of the input with its number from 1 (blank lines counted). */
export interface NumberedLine {
  readonly lineNumber: number
  readonly text: string
}

/** Each non-blank line of `input`. Lines end at `\n` or `\r\n`; a leading byte order mark is skipped. */
export async function* nonBlankLines(input: NodeJS.ReadableStream): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input, crlfDelay: Infinity })
  let lineNumber = 0
  for await (const raw of lines) {
    lineNumber += 1
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw
    if (text.trim() !== '') yield { lineNumber, text }
  }
}
