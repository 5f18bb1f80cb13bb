// The upload line counter agrees with the job line reader, however the bytes are chunked.
import fc from 'fast-check'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { lineScanner, readLines } from '../../src/store/lineScanner'

const scan = (text: string, cuts: number[], check = true) => {
  const bytes = Buffer.from(text)
  const scanner = lineScanner(check)
  let from = 0
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1))].sort((a, b) => a - b)) {
    scanner.write(bytes.subarray(from, Math.max(from, cut)))
    from = Math.max(from, cut)
  }
  scanner.write(bytes.subarray(from))
  return scanner.finish()
}

describe('LineScanner', () => {
  it('counts non-empty lines: LF, CRLF, a last line without newline, blank lines skipped', () => {
    expect(scan('{"body":{}}\r\n\n{"body":{}}\n\r\n{"body":{}}', [])).toEqual({
      lines: 3,
      allBatchRequests: true,
    })
  })

  it('tells batch requests from other lines', () => {
    expect(scan('{"body":{}}\n{"body":1}\n', [3, 15]).allBatchRequests).toBe(false)
    expect(scan('not json\n', []).allBatchRequests).toBe(false)
    expect(scan('', []).allBatchRequests).toBe(false)
    expect(scan('{"custom_id":"é","body":{"x":"ü"}}\n', [16, 17, 18]).allBatchRequests).toBe(true)
  })

  it('counts the same lines as readLines reads, for any content and chunking', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scanner-'))
    const file = path.join(dir, 'input.jsonl')
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', ' ', '{}'), { maxLength: 40 }),
          fc.array(fc.nat(200), { maxLength: 6 }),
          async (parts, cuts) => {
            const text = parts.join('')
            await fs.writeFile(file, text)
            const lines: string[] = []
            for await (const line of readLines(file)) lines.push(line.text)
            expect(scan(text, cuts, false).lines).toBe(lines.length)
          },
        ),
        { numRuns: 100 },
      )
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })
})

describe('readLines', () => {
  it('gives each line the offset after it, so a read resumed there continues with the next line', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reader-'))
    const file = path.join(dir, 'input.jsonl')
    try {
      await fs.writeFile(file, 'one\r\n\ntwo\nthree')
      const all = []
      for await (const line of readLines(file)) all.push(line)
      expect(all).toEqual([
        { text: 'one', end: 5 },
        { text: 'two', end: 10 },
        { text: 'three', end: 15 },
      ])
      const resumed = []
      for await (const line of readLines(file, all[0]?.end)) resumed.push(line.text)
      expect(resumed).toEqual(['two', 'three'])
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })
})
