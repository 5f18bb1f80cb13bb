// The lines of a JSONL input: blank ones skipped but counted, CRLF and a byte order mark undone.
import { Readable } from 'node:stream'
import { nonBlankLines } from '../../src/input/nonBlankLines'

const linesOf = async (text: string) => {
  const lines = []
  for await (const line of nonBlankLines(Readable.from([text]))) lines.push(line)
  return lines
}

describe('nonBlankLines', () => {
  it('numbers each line from 1, blank lines counted but not given', async () => {
    await expect(linesOf('\uFEFFa\r\n\n  \r\nb\nc')).resolves.toEqual([
      { lineNumber: 1, text: 'a' },
      { lineNumber: 4, text: 'b' },
      { lineNumber: 5, text: 'c' },
    ])
  })

  it('gives nothing for an empty input', async () => {
    await expect(linesOf('')).resolves.toEqual([])
  })
})
