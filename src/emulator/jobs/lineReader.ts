// Reads a JSONL file line by line from a byte offset, streaming, with each line's end offset.
import { createReadStream } from 'node:fs'

/** A non-empty line and the byte offset just after it (where a resumed read starts). */
export interface InputLine {
  text: string
  end: number
}

/**
 * The non-empty lines of `file` from byte `start` on. A line ends at `\n`; a trailing `\r` is
 * dropped; the last line may lack its newline. Only the current line is held in memory.
 */
export async function* readLines(file: string, start = 0): AsyncGenerator<InputLine> {
  let pending: Buffer[] = []
  let position = start
  for await (const chunk of createReadStream(file, { start, highWaterMark: 256 * 1024 })) {
    const bytes = chunk as Buffer
    let from = 0
    for (;;) {
      const newline = bytes.indexOf(10, from)
      if (newline === -1) break
      pending.push(bytes.subarray(from, newline))
      const line = lineText(pending)
      pending = []
      position += newline + 1 - from
      from = newline + 1
      if (line !== '') yield { text: line, end: position }
    }
    if (from < bytes.length) {
      pending.push(bytes.subarray(from))
      position += bytes.length - from
    }
  }
  const last = lineText(pending)
  if (last !== '') yield { text: last, end: position }
}

const lineText = (parts: Buffer[]): string => {
  const line = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts)
  const length = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length
  return line.toString('utf8', 0, length)
}
