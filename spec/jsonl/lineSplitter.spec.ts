import fc from 'fast-check'
import { LineSplitter } from '../../src/jsonl/lineSplitter.js'
import { chunkingArbitrary, cutEvery, utf8 } from './chunking.js'

/** A line as the splitter hands it over. */
interface SplitLine {
  readonly line: string
  readonly lineNumber: number
  readonly complete: boolean
}

/** Every line `chunks` make, fed to one splitter and ended. */
const split = (chunks: ReadonlyArray<Uint8Array>): SplitLine[] => {
  const out: SplitLine[] = []
  const splitter = new LineSplitter((line, lineNumber, complete) =>
    out.push({ line, lineNumber, complete }),
  )
  for (const chunk of chunks) splitter.push(chunk)
  splitter.end()
  return out
}

const lines = (chunks: ReadonlyArray<string | Uint8Array>): string[] =>
  split(chunks.map((c) => (typeof c === 'string' ? utf8(c) : c))).map(({ line }) => line)

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

/** The lines of a whole text as a plain split sees them: the reference of the properties. */
function referenceLines(text: string): SplitLine[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const pieces = body.split(/\r?\n/)
  return pieces
    .map((line, i) => ({ line, lineNumber: i + 1, complete: i < pieces.length - 1 }))
    .filter(({ line }) => !/^[ \t\r]*$/.test(line))
}

const textArbitrary = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
        {
          weight: 5,
          arbitrary: fc.constantFrom(
            '\n',
            '\r\n',
            '\r',
            '\n\n',
            ' \t\r\n',
            '\u2028',
            '\u2029',
            '\uFEFF',
            'é',
            '€',
            '😀',
            '{"a":"\u2028"}',
          ),
        },
        {
          weight: 1,
          arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 200, maxLength: 700 }),
        },
      ),
      { maxLength: 60 },
    ),
  )
  .map(([bom, pieces]) => (bom ? '\uFEFF' : '') + pieces.join(''))

describe('LineSplitter, line by line', () => {
  it('splits on \\n and \\r\\n, dropping the terminator', () => {
    expect(lines(['a\nb\r\nc\n'])).toEqual(['a', 'b', 'c'])
  })

  it('joins a \\r\\n whose \\r and \\n come in different chunks', () => {
    expect(lines(['{"a":1}\r', '\n{"b":2}\r', '\n'])).toEqual(['{"a":1}', '{"b":2}'])
  })

  it('keeps a lone \\r and U+2028 / U+2029 inside the line', () => {
    expect(lines(['a\rb\n{"s":"x\u2028y\u2029z"}\n'])).toEqual(['a\rb', '{"s":"x\u2028y\u2029z"}'])
  })

  it('decodes a character whose bytes are split across chunks at every point', () => {
    const bytes = utf8('x😀€é\n')
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(lines([bytes.slice(0, cut), bytes.slice(cut)])).toEqual(['x😀€é'])
    }
  })

  it('drops a BOM at the start, even fed one byte at a time, but keeps one later on', () => {
    expect(lines(cutEvery(utf8('\uFEFFa\n\uFEFFb\n'), 1))).toEqual(['a', '\uFEFFb'])
  })

  it('emits a last line that has no newline when the source completes', () => {
    expect(lines(['a\n', 'b'])).toEqual(['a', 'b'])
  })

  it('skips empty and whitespace-only lines', () => {
    expect(lines(['\n\na\n \t\n\r\n', '  \r\nb\n   '])).toEqual(['a', 'b'])
  })

  it('turns invalid UTF-8 into U+FFFD', () => {
    expect(lines([new Uint8Array([0x61, 0xff, 0x0a, 0x62, 0xe2, 0x82])])).toEqual([
      'a\uFFFD',
      'b\uFFFD',
    ])
  })

  it('handles a 4 MB line fed one byte at a time (linear, no re-copy per chunk)', () => {
    const size = 4 * 1024 * 1024
    const bytes = new Uint8Array(size + 1).fill(0x7a)
    bytes[size] = 10
    const lengths: number[] = []
    const splitter = new LineSplitter((line) => lengths.push(line.length))
    for (let i = 0; i < bytes.length; i++) splitter.push(bytes.subarray(i, i + 1))
    splitter.end()
    expect(lengths).toEqual([size])
  })

  it('gives the lines of a plain split of the whole text, however the bytes are chunked', () => {
    fc.assert(
      fc.property(textArbitrary, chunkingArbitrary, (text, chunking) => {
        const expected = referenceLines(text).map(({ line }) => line)
        expect(split(chunking(utf8(text))).map(({ line }) => line)).toEqual(expected)
      }),
      { numRuns: 400 },
    )
  })
})

describe('LineSplitter, numbers and completeness', () => {
  it('numbers physical lines, counting skipped blank ones', () => {
    expect(split([utf8('a\n\n  \r\nb\r\nc\n')])).toEqual([
      { line: 'a', lineNumber: 1, complete: true },
      { line: 'b', lineNumber: 4, complete: true },
      { line: 'c', lineNumber: 5, complete: true },
    ])
  })

  it('marks a last line without newline as incomplete', () => {
    expect(split([utf8('{"a":1}\n{"b":')])).toEqual([
      { line: '{"a":1}', lineNumber: 1, complete: true },
      { line: '{"b":', lineNumber: 2, complete: false },
    ])
  })

  it('gives the lines, numbers and completeness of a plain split, however the bytes are chunked', () => {
    fc.assert(
      fc.property(textArbitrary, chunkingArbitrary, (text, chunking) => {
        expect(split(chunking(utf8(text)))).toEqual(referenceLines(text))
      }),
      { numRuns: 400 },
    )
  })
})

describe('LineSplitter with a cap, as a property', () => {
  it('drops exactly the lines longer than the cap, and keeps the rest as a plain split does', () => {
    fc.assert(
      fc.property(
        textArbitrary,
        chunkingArbitrary,
        fc.integer({ min: 1, max: 400 }),
        (text, chunking, cap) => {
          const kept: SplitLine[] = []
          const dropped: number[] = []
          const splitter = new LineSplitter(
            (line, lineNumber, complete) => kept.push({ line, lineNumber, complete }),
            {
              maxLineLength: cap,
              onTooLong: (lineNumber) => dropped.push(lineNumber),
            },
          )
          for (const chunk of chunking(utf8(text))) splitter.push(chunk)
          splitter.end()
          // a line past the cap is dropped unread, so even a blank one is told of
          const body = text.startsWith('\uFEFF') ? text.slice(1) : text
          const pieces = body.split(/\r?\n/)
          const reference = pieces
            .map((line, i) => ({ line, lineNumber: i + 1, complete: i < pieces.length - 1 }))
            .filter(({ line }) => line.length > cap || !/^[ \t\r]*$/.test(line))
          expect(kept).toEqual(reference.filter(({ line }) => line.length <= cap))
          expect(dropped).toEqual(
            reference.filter(({ line }) => line.length > cap).map(({ lineNumber }) => lineNumber),
          )
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('LineSplitter with a cap and CRLF', () => {
  it('keeps a line of exactly the cap whose \\r comes in the chunk before its \\n', () => {
    const kept: string[] = []
    const dropped: number[] = []
    const splitter = new LineSplitter((line) => kept.push(line), {
      maxLineLength: 300,
      onTooLong: (n) => dropped.push(n),
    })
    splitter.push(utf8(`${'a'.repeat(300)}\r`))
    splitter.push(utf8(`\n${'b'.repeat(301)}\r`))
    splitter.push(utf8('\n'))
    splitter.end()
    expect(kept).toEqual(['a'.repeat(300)])
    expect(dropped).toEqual([2])
  })
})

describe('LineSplitter with a cap, at the end of the input', () => {
  it('drops a last line without newline that is one character past the cap', () => {
    const kept: string[] = []
    const dropped: number[] = []
    const splitter = new LineSplitter((line) => kept.push(line), {
      maxLineLength: 5,
      onTooLong: (n) => dropped.push(n),
    })
    splitter.push(utf8('\u{10000}\u{10000}\u{10000}'))
    splitter.end()
    expect({ kept, dropped }).toEqual({ kept: [], dropped: [1] })
  })
})
