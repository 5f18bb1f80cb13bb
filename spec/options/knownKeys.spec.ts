// unknownKeyError and closestKey: a typo named with the key it was meant to be.
import { closestKey, unknownKeyError, type KnownKeys } from '../../src/options/knownKeys.js'

interface Sample {
  readonly maxRetries?: number
  readonly maxRetryAfterMs?: number
  readonly timeoutMs?: number
}
const KNOWN: KnownKeys<Sample> = { maxRetries: true, maxRetryAfterMs: true, timeoutMs: true }

describe('closestKey', () => {
  it.each([
    ['maxRetry', 'maxRetries'],
    ['maxretries', 'maxRetries'],
    ['timeout', 'timeoutMs'],
    ['maxRetryAfter', 'maxRetryAfterMs'],
  ])('takes %s for %s', (typo, meant) => {
    expect(closestKey(typo, Object.keys(KNOWN))).toBe(meant)
  })

  it('suggests nothing for a name like none of them', () => {
    expect(closestKey('colour', Object.keys(KNOWN))).toBeUndefined()
  })
})

describe('unknownKeyError', () => {
  it('accepts absent options and known keys', () => {
    expect(unknownKeyError(undefined, KNOWN, 'retry')).toBeUndefined()
    expect(unknownKeyError({ maxRetries: 1, timeoutMs: 2 }, KNOWN, 'retry')).toBeUndefined()
  })

  it('names the first unknown key, where it is, and the key it was meant to be', () => {
    const error = unknownKeyError({ maxRetries: 1, maxRetry: 2 }, KNOWN, 'retry')
    expect(error).toMatchObject({
      _tag: 'InvalidRequestError',
      field: 'retry.maxRetry',
      message: 'retry has an unknown option `maxRetry`; did you mean `maxRetries`?',
    })
  })

  it('lists the known keys when none is close', () => {
    expect(unknownKeyError({ colour: 'red' }, KNOWN, 'retry')?.message).toBe(
      'retry has an unknown option `colour`; known options: maxRetries, maxRetryAfterMs, timeoutMs',
    )
  })

  it.each([
    [null, 'retry must be an object, got null'],
    [[1], 'retry must be an object, got an array'],
    [5, 'retry must be an object, got a number'],
  ])('refuses %p as the options object', (options, message) => {
    expect(unknownKeyError(options, KNOWN, 'retry')?.message).toBe(message)
  })
})
