import { encodeJsonlLine } from '../../src/requests/encodeJsonlLine.js'
import { JsonlEncodeError } from '../../src/requests/jsonlEncodeError.js'

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
    ['undefined', undefined, 'undefined has no JSON form'],
    ['a function', () => 1, 'a function has no JSON form'],
    ['a symbol', Symbol('s'), 'a symbol has no JSON form'],
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

  it('rejects a cycle, naming the path where it closes', () => {
    const cyclic: { self?: unknown } = {}
    cyclic.self = cyclic
    const error = catchError(() => encodeJsonlLine(cyclic, 3)) as JsonlEncodeError
    expect(error.message).toBe(
      'Cannot encode the value at index 3 as a JSONL line: at .self, it refers back to itself (a cycle)',
    )
    expect(error).toMatchObject({ index: 3, path: '.self' })
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
