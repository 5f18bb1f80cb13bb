import { encodeJsonlLine } from '../../src/jsonl/encodeJsonlLine.js'
import { JsonlEncodeError } from '../../src/jsonl/jsonlEncodeError.js'

describe('encodeJsonlLine', () => {
  it('gives the JSON text and one newline, with no newline inside', () => {
    expect(encodeJsonlLine({ custom_id: '0', body: { text: 'a\nb\r\n' } }, 0)).toBe(
      '{"custom_id":"0","body":{"text":"a\\nb\\r\\n"}}\n',
    )
  })

  it('keeps U+2028 raw and escapes a lone surrogate', () => {
    expect(encodeJsonlLine(['\u2028', '\ud800'], 0)).toBe('["\u2028","\\ud800"]\n')
  })

  it.each([
    ['undefined', undefined, 'JSON.stringify gives no text for undefined'],
    ['a function', () => 1, 'JSON.stringify gives no text for a function'],
    ['a symbol', Symbol('s'), 'JSON.stringify gives no text for a symbol'],
    ['a BigInt', { n: BigInt(1) }, 'BigInt'],
  ])('rejects %s, naming its index', (_name, value, reason) => {
    const error = catchError(() => encodeJsonlLine(value, 7))
    expect(error).toBeInstanceOf(JsonlEncodeError)
    expect(error).toMatchObject({ name: 'JsonlEncodeError', index: 7 })
    expect((error as Error).message).toMatch(
      /^Cannot encode the value at index 7 as a JSONL line: /,
    )
    expect((error as Error).message).toContain(reason)
  })

  it('rejects a cycle, keeping the TypeError as the cause', () => {
    const cyclic: { self?: unknown } = {}
    cyclic.self = cyclic
    const error = catchError(() => encodeJsonlLine(cyclic, 3)) as JsonlEncodeError
    expect(error.message).toContain('index 3')
    expect(error.message).toMatch(/circular/i)
    expect(error.cause).toBeInstanceOf(TypeError)
  })
})

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
