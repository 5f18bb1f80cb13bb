// Option value parsers: a bad value is a commander usage error naming the option.
import { InvalidArgumentError } from 'commander'
import { collect, keyValuePair, positiveInteger } from '../../src/cli/argParsers'

describe('argParsers', () => {
  it('positiveInteger takes whole numbers from 1', () => {
    expect(positiveInteger('24')).toBe(24)
    expect(() => positiveInteger('0')).toThrow(InvalidArgumentError)
    expect(() => positiveInteger('1.5')).toThrow('must be a whole number of at least 1.')
  })

  it('keyValuePair builds a record, splitting at the first =', () => {
    expect(keyValuePair('b=x=y', keyValuePair('a=1'))).toEqual({ a: '1', b: 'x=y' })
    expect(() => keyValuePair('=v')).toThrow('expected key=value, got "=v".')
  })

  it('collect appends', () => {
    expect(collect('b', collect('a'))).toEqual(['a', 'b'])
  })
})
