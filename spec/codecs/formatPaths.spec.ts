import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { formatPaths, pathFailures } from '../../src/codecs/formatPaths.js'

const errorsOf = <A>(codec: t.Decoder<unknown, A>, u: unknown): t.Errors => {
  const result = codec.decode(u)
  if (E.isRight(result)) throw new Error('expected a failure')
  return result.left
}

describe('formatPaths', () => {
  it('skips union and intersection member indexes in the path', () => {
    const Inner = t.intersection([t.type({ a: t.number }), t.partial({ b: t.string })], 'Inner')
    const Outer = t.type({ inner: t.union([Inner, t.null]) }, 'Outer')
    expect(formatPaths(errorsOf(Outer, { inner: { a: 1, b: 2 } }))).toEqual([
      'inner.b: expected string, got 2',
    ])
  })

  it('says <root> for the value itself', () => {
    expect(formatPaths(errorsOf(t.string, 1))).toEqual(['<root>: expected string, got 1'])
  })

  it('caps the number of lines and says how many were left out', () => {
    const lines = formatPaths(
      errorsOf(
        t.array(t.number),
        Array.from({ length: 25 }, () => 'x'),
      ),
    )
    expect(lines[0]).toBe('0: expected number, got "x"')
    expect(lines[19]).toBe('19: expected number, got "x"')
    expect(lines[20]).toBe('… and 5 more')
    expect(lines[21]).toBeUndefined()
  })

  it('gives each path in JavaScript form too: array indexes in brackets', () => {
    const Message = t.type({ role: t.string })
    const Body = t.type({ input: t.union([t.array(Message), t.array(t.array(Message))]) })
    const failures = pathFailures(errorsOf(Body, { input: [[{ role: 1 }]] }))
    expect(failures.map(({ path, jsPath }) => ({ path, jsPath }))).toEqual([
      { path: 'input.0.0.role', jsPath: 'input[0][0].role' },
    ])
  })
})
