// Reads a JSONL file line by line from a byte offset, streaming, with each line's end offset.
import { createReadStream } from 'node:fs'
import { LineSplitter } from '../store/lineScanner.js'

/** A non-empty line and the byte offset just after it (where a resumed read starts). */
interface InputLine {
  text: string
  end: number
}

/** The non-empty lines of `file` from byte `start` on; only one chunk's lines are held at once. */
export async function* readLines(file: string, start = 0): AsyncGenerator<InputLine> {
  const lines: InputLine[] = []
  const split = new LineSplitter((line, end) => lines.push({ text: String(line), end }), start)
  for await (const chunk of createReadStream(file, { start, highWaterMark: 256 * 1024 })) {
    split.write(chunk as Buffer)
    yield* lines.splice(0)
  }
  split.finish()
  yield* lines
}
