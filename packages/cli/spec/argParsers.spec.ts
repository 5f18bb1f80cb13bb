// Option value parsers: a bad value is a commander usage error naming the option.
import { InvalidArgumentError } from 'commander'
import {
  integerFrom,
  intervalSeconds,
  keyValuePair,
  oneOf,
  positiveInteger,
  waitSeconds,
} from '../src/argParsers'

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

  it('integerFrom takes whole numbers in its range only', () => {
    const hours = integerFrom(1, 168)
    expect(hours('168')).toBe(168)
    for (const bad of ['0', '169', '1.5', '', 'x']) {
      expect(() => hours(bad)).toThrow('must be a whole number from 1 to 168.')
    }
  })

  it('intervalSeconds takes seconds from 0.1 to 3600', () => {
    expect(intervalSeconds('0.5')).toBe(0.5)
    expect(intervalSeconds('3600')).toBe(3600)
    for (const bad of ['0', '0.05', '3601', 'Infinity', '', '2s']) {
      expect(() => intervalSeconds(bad)).toThrow(InvalidArgumentError)
    }
  })

  it('waitSeconds takes seconds from 0 to a day', () => {
    expect(waitSeconds('0')).toBe(0)
    expect(waitSeconds('2.5')).toBe(2.5)
    expect(waitSeconds('86400')).toBe(86_400)
    for (const bad of ['-1', '86401', 'soon', '']) {
      expect(() => waitSeconds(bad)).toThrow('must be a number of seconds from 0 to 86400.')
    }
  })

  it('oneOf takes an allowed value in any case, giving its own spelling, and lists them otherwise', () => {
    const status = oneOf(['RUNNING', 'SUCCESS'])
    expect(status('running')).toBe('RUNNING')
    expect(() => status('RUNING')).toThrow('must be one of RUNNING, SUCCESS.')
  })
})
