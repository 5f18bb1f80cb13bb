// Durations: the longest one a platform timer can hold, and the one check of every duration option.

/**
 * The longest duration any option or computed delay may take, in milliseconds (2^31-1, about
 * 24.8 days): Node and browsers store timers in a signed 32-bit int and fire a longer one after
 * about 1 ms.
 */
export const MAX_DURATION_MS = 2 ** 31 - 1

/** Whether a duration may be 0 (`'nonNegative'`) or must be more (`'positive'`). */
export type DurationFloor = 'positive' | 'nonNegative'

/**
 * Why `value` is not a usable duration for option `field`, or `undefined` when it is: a finite
 * number of milliseconds above (or, for `'nonNegative'`, at) 0 and at most `MAX_DURATION_MS`.
 */
export const durationProblem = (
  value: unknown,
  field: string,
  floor: DurationFloor = 'positive',
): string | undefined => {
  const kind = floor === 'positive' ? 'positive' : 'non-negative'
  const low = floor === 'positive' ? (value as number) <= 0 : (value as number) < 0
  if (typeof value !== 'number' || !Number.isFinite(value) || low) {
    const got = typeof value === 'number' ? String(value) : `a ${typeof value}`
    return `${field} must be a ${kind} number of milliseconds, got ${got}`
  }
  if (value > MAX_DURATION_MS) {
    return (
      `${field} must be at most ${MAX_DURATION_MS} ms (about 24.8 days, the longest timer a ` +
      `platform holds), got ${value}`
    )
  }
  return undefined
}

/** A computed delay made safe for a timer: within [0, MAX_DURATION_MS], NaN taken as 0. */
export const clampDelay = (ms: number): number => (ms > 0 ? Math.min(ms, MAX_DURATION_MS) : 0)
