// The options of watchJob$: defaults, refusal of values that would spin, and the sharing key.
import * as E from 'fp-ts/Either'
import {
  resolveWatchJobOptions,
  WATCH_JOB_DEFAULTS,
  type WatchJobOptions,
  watchJobOptionsKey,
} from '../../src/batch/watchJobOptions.js'

const keyOf = (options: WatchJobOptions) => {
  const resolved = resolveWatchJobOptions(options)
  if (E.isLeft(resolved)) throw resolved.left
  return watchJobOptionsKey(resolved.right)
}

describe('resolveWatchJobOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveWatchJobOptions()).toEqual(
      E.right({
        intervalMs: 1000,
        backoff: 1.5,
        maxIntervalMs: 30000,
        pace: 'progress',
        maxProgressIntervalMs: 120_000,
        emit: 'changes',
        deadlineMs: undefined,
        maxConsecutiveErrors: 10,
      }),
    )
    expect(WATCH_JOB_DEFAULTS.maxIntervalMs).toBe(30000)
  })

  it('raises the default progress cap to a maxIntervalMs above it', () => {
    const resolved = resolveWatchJobOptions({ maxIntervalMs: 300_000 })
    expect(E.isRight(resolved) && resolved.right.maxProgressIntervalMs).toBe(300_000)
  })

  it('names the closest known option of a typo', () => {
    const resolved = resolveWatchJobOptions({ interval: 5 } as unknown as WatchJobOptions)
    expect(E.isLeft(resolved) && resolved.left).toMatchObject({
      field: 'watch options.interval',
      message:
        'watchJob$: watch options has an unknown option `interval`; did you mean `intervalMs`?',
    })
  })

  it('raises the default cap to an intervalMs above it', () => {
    const resolved = resolveWatchJobOptions({ intervalMs: 60_000 })
    expect(E.isRight(resolved) && resolved.right.maxIntervalMs).toBe(60_000)
  })

  it.each<[WatchJobOptions, string]>([
    [{ intervalMs: 0 }, 'intervalMs must be a positive number of milliseconds, got 0'],
    [{ intervalMs: Number.NaN }, 'intervalMs must be a positive number of milliseconds, got NaN'],
    [{ backoff: 0.9 }, 'backoff must be a number of at least 1, got 0.9'],
    [
      { intervalMs: 5000, maxIntervalMs: 1000 },
      'maxIntervalMs must be at least intervalMs (5000), got 1000',
    ],
    [{ emit: 'sometimes' as 'every' }, "emit must be 'changes' or 'every', got sometimes"],
    [{ pace: 'eager' as 'progress' }, "pace must be 'progress' or 'backoff', got eager"],
    [
      { maxIntervalMs: 60_000, maxProgressIntervalMs: 30_000 },
      'maxProgressIntervalMs must be at least maxIntervalMs (60000), got 30000',
    ],
    [
      { maxProgressIntervalMs: 0 },
      'maxProgressIntervalMs must be a positive number of milliseconds, got 0',
    ],
    [{ deadlineMs: -1 }, 'deadlineMs must be a non-negative number of milliseconds, got -1'],
    [{ maxConsecutiveErrors: 1.5 }, 'maxConsecutiveErrors must be a non-negative integer, got 1.5'],
    [
      { intervalMs: 3e9 },
      'intervalMs must be at most 2147483647 ms (about 24.8 days, the longest timer a platform holds), got 3000000000',
    ],
    [
      { deadlineMs: 3e9 },
      'deadlineMs must be at most 2147483647 ms (about 24.8 days, the longest timer a platform holds), got 3000000000',
    ],
    [
      { maxIntervalMs: 2 ** 31 },
      'maxIntervalMs must be at most 2147483647 ms (about 24.8 days, the longest timer a platform holds), got 2147483648',
    ],
  ])('refuses %j: %s', (options, reason) => {
    const resolved = resolveWatchJobOptions(options)
    expect(E.isLeft(resolved) && resolved.left).toMatchObject({
      field: Object.keys(options).pop(),
      message: `watchJob$: ${reason}`,
    })
  })
})

describe('watchJobOptionsKey', () => {
  it('is equal for options that resolve to the same values', () => {
    expect(keyOf({})).toBe(keyOf({ intervalMs: 1000, backoff: 1.5, emit: 'changes' }))
  })

  it.each<WatchJobOptions>([
    { intervalMs: 2000 },
    { backoff: 2 },
    { maxIntervalMs: 10_000 },
    { emit: 'every' },
    { pace: 'backoff' },
    { maxProgressIntervalMs: 300_000 },
    { deadlineMs: 60_000 },
    { maxConsecutiveErrors: 0 },
  ])('differs from the key of the defaults for %j', (options) => {
    expect(keyOf(options)).not.toBe(keyOf({}))
  })
})
