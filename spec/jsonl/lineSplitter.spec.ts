import { LineSplitter } from '../../src/jsonl/lineSplitter.js'
import { cutEvery, utf8 } from './chunking.js'

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

describe('LineSplitter with a line cap', () => {
  const capped = (maxLineLength: number) => {
    const events: string[] = []
    const splitter = new LineSplitter(
      (line, n, complete) => events.push(`${n}:${line}:${complete}`),
      {
        maxLineLength,
        onTooLong: (n, start) => events.push(`${n}:too long:${start.length}`),
      },
    )
    return { splitter, events }
  }

  it.each([1, 7, 300, 100_000])(
    'drops each line past the cap and keeps the others, whatever the chunking (%i bytes a chunk)',
    (size) => {
      const text = `short\n${'a'.repeat(2_000)}\nmid\n${'b'.repeat(1_500)}\nend`
      const { splitter, events } = capped(1_000)
      for (const chunk of cutEvery(utf8(text), size)) splitter.push(chunk)
      splitter.end()
      expect(events).toEqual([
        '1:short:true',
        '2:too long:200',
        '3:mid:true',
        '4:too long:200',
        '5:end:false',
      ])
    },
  )

  it('keeps a line of exactly the cap', () => {
    const { splitter, events } = capped(5)
    splitter.push(utf8('12345\n123456\n'))
    splitter.end()
    expect(events).toEqual(['1:12345:true', '2:too long:6'])
  })

  it('tells of a long unterminated last line once, and hands over nothing more', () => {
    const { splitter, events } = capped(1_000)
    for (let i = 0; i < 50; i++) splitter.push(utf8('z'.repeat(4_096)))
    splitter.end()
    expect(events).toEqual(['1:too long:200'])
  })
})
