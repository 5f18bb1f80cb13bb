import { LineSplitter } from '../../src/jsonl/lineSplitter.js'
import { utf8 } from './chunking.js'

type Call = [line: string, lineNumber: number, complete: boolean]

function splitterWithCalls(): { splitter: LineSplitter; calls: Call[] } {
  const calls: Call[] = []
  const splitter = new LineSplitter((...call) => calls.push(call))
  return { splitter, calls }
}

describe('LineSplitter', () => {
  it('hands each line over before push returns, and the unterminated rest at end', () => {
    const { splitter, calls } = splitterWithCalls()
    splitter.push(utf8('one\ntw'))
    expect(calls).toEqual([['one', 1, true]])
    splitter.push(utf8('o\nthree'))
    expect(calls).toEqual([
      ['one', 1, true],
      ['two', 2, true],
    ])
    splitter.end()
    expect(calls.at(-1)).toEqual(['three', 3, false])
  })

  it('keeps the order of small (staged) and large chunks', () => {
    const { splitter, calls } = splitterWithCalls()
    const long = 'x'.repeat(1000)
    splitter.push(utf8('a'))
    splitter.push(utf8('b'))
    splitter.push(utf8(`${long}\nc`))
    splitter.push(utf8('d\n'))
    expect(calls.map(([line]) => line)).toEqual([`ab${long}`, 'cd'])
  })

  it('keeps nothing of a chunk after push, so the producer may reuse its buffer', () => {
    const { splitter, calls } = splitterWithCalls()
    const buffer = new Uint8Array(300)
    for (const letter of ['p', 'q']) {
      buffer.set(utf8(letter.repeat(300)))
      splitter.push(buffer)
      buffer.set(utf8(letter.repeat(3)))
      splitter.push(buffer.subarray(0, 3))
    }
    splitter.push(utf8('\n'))
    expect(calls).toEqual([['p'.repeat(303) + 'q'.repeat(303), 1, true]])
  })

  it('does no more work once stopped, even in the middle of a chunk', () => {
    const calls: string[] = []
    const splitter: LineSplitter = new LineSplitter((line) => {
      calls.push(line)
      if (calls.length === 2) splitter.stop()
    })
    splitter.push(utf8('a\nb\nc\nd\n'))
    splitter.push(utf8('e\n'))
    splitter.end()
    expect(calls).toEqual(['a', 'b'])
  })

  it('does not emit a blank unterminated last line', () => {
    const { splitter, calls } = splitterWithCalls()
    splitter.push(utf8('a\n \t'))
    splitter.end()
    expect(calls).toEqual([['a', 1, true]])
  })
})
