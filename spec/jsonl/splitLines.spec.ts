import fc from 'fast-check'
import { from, Observable, Subject, take } from 'rxjs'
import { splitLines, splitLinesWithInfo, type SplitLine } from '../../src/jsonl/splitLines.js'
import { chunkingArbitrary, cutEvery, runSync, utf8 } from './chunking.js'

const lines = (chunks: readonly (string | Uint8Array)[]): string[] =>
  runSync(
    chunks.map((c) => (typeof c === 'string' ? utf8(c) : c)),
    splitLines(),
  )

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

describe('splitLines', () => {
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

  it('emits each line as soon as its newline arrives', () => {
    const bytes$ = new Subject<Uint8Array>()
    const seen: string[] = []
    bytes$.pipe(splitLines()).subscribe((line) => seen.push(line))
    bytes$.next(utf8('a\nb'))
    expect(seen).toEqual(['a'])
    bytes$.next(utf8('c\n'))
    expect(seen).toEqual(['a', 'bc'])
  })

  it('passes a source error on and drops the unfinished line', () => {
    const bytes$ = new Subject<Uint8Array>()
    const seen: string[] = []
    let failure: unknown
    bytes$.pipe(splitLines()).subscribe({ next: (l) => seen.push(l), error: (e) => (failure = e) })
    bytes$.next(utf8('a\nb'))
    bytes$.error(new Error('reset'))
    expect(seen).toEqual(['a'])
    expect(failure).toEqual(new Error('reset'))
  })

  it('is cold: each subscription has its own state', () => {
    const lines$ = from([utf8('a\nb'), utf8('c')]).pipe(splitLines())
    const first: string[] = []
    const second: string[] = []
    lines$.subscribe((l) => first.push(l))
    lines$.subscribe((l) => second.push(l))
    expect(first).toEqual(['a', 'bc'])
    expect(second).toEqual(['a', 'bc'])
  })

  it('stops an endless synchronous source once the consumer has enough', () => {
    function* forever(): Generator<Uint8Array> {
      for (;;) yield utf8('x\ny\n')
    }
    const seen: string[] = []
    from(forever())
      .pipe(splitLines(), take(3))
      .subscribe((l) => seen.push(l))
    expect(seen).toEqual(['x', 'y', 'x'])
  })

  it('handles a 4 MB line fed one byte at a time (linear, no re-copy per chunk)', () => {
    const size = 4 * 1024 * 1024
    const bytes = new Uint8Array(size + 1).fill(0x7a)
    bytes[size] = 10
    const oneByteChunks = new Observable<Uint8Array>((subscriber) => {
      for (let i = 0; i < bytes.length; i++) subscriber.next(bytes.subarray(i, i + 1))
      subscriber.complete()
    })
    const lengths: number[] = []
    oneByteChunks.pipe(splitLines()).subscribe((line) => lengths.push(line.length))
    expect(lengths).toEqual([size])
  })

  it('gives the lines of a plain split of the whole text, however the bytes are chunked', () => {
    fc.assert(
      fc.property(textArbitrary, chunkingArbitrary, (text, chunking) => {
        const expected = referenceLines(text).map(({ line }) => line)
        expect(runSync(chunking(utf8(text)), splitLines())).toEqual(expected)
      }),
      { numRuns: 400 },
    )
  })
})

describe('splitLinesWithInfo', () => {
  it('numbers physical lines, counting skipped blank ones', () => {
    expect(runSync([utf8('a\n\n  \r\nb\r\nc\n')], splitLinesWithInfo())).toEqual([
      { line: 'a', lineNumber: 1, complete: true },
      { line: 'b', lineNumber: 4, complete: true },
      { line: 'c', lineNumber: 5, complete: true },
    ])
  })

  it('marks a last line without newline as incomplete', () => {
    expect(runSync([utf8('{"a":1}\n{"b":')], splitLinesWithInfo())).toEqual([
      { line: '{"a":1}', lineNumber: 1, complete: true },
      { line: '{"b":', lineNumber: 2, complete: false },
    ])
  })

  it('gives the lines, numbers and completeness of a plain split, however the bytes are chunked', () => {
    fc.assert(
      fc.property(textArbitrary, chunkingArbitrary, (text, chunking) => {
        expect(runSync(chunking(utf8(text)), splitLinesWithInfo())).toEqual(referenceLines(text))
      }),
      { numRuns: 400 },
    )
  })
})
