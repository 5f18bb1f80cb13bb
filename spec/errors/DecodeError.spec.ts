import { inspect } from 'node:util'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { DecodeError } from '../../src/errors/DecodeError.js'

const secretBody = { token: 'S3CRET-'.repeat(1000), n: 'x' }
const errorsOf = (u: unknown): t.Errors => {
  const result = t.type({ n: t.number }).decode(u)
  if (E.isRight(result)) throw new Error('expected a failure')
  return result.left
}

describe('DecodeError', () => {
  const error = new DecodeError(
    'Response did not match N: n: expected number, got "x"',
    errorsOf(secretBody),
    ['n: expected number, got "x"'],
  )

  it('is an Error with its own name, tag and prototype', () => {
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(DecodeError)
    expect(error.name).toBe('DecodeError')
    expect(error._tag).toBe('DecodeError')
    expect(error.stack).toContain('DecodeError')
  })

  it('keeps the io-ts errors and the readable paths', () => {
    expect(error.errors[0]?.value).toBe('x')
    expect(error.paths).toEqual(['n: expected number, got "x"'])
  })

  it('serializes to its report, never the raw value', () => {
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      _tag: 'DecodeError',
      name: 'DecodeError',
      message: 'Response did not match N: n: expected number, got "x"',
      paths: ['n: expected number, got "x"'],
    })
  })

  it('keeps the raw value out of util.inspect', () => {
    expect(inspect(error, { depth: 10 })).not.toContain('S3CRET')
  })
})
