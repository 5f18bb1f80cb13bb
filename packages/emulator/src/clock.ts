// The emulator's clock: real time plus an offset that tests move forward to reach timeouts fast.

/** The clock every job deadline and timestamp of the emulator reads. */
export interface EmulatorClock {
  /** Milliseconds since the epoch, as the emulator sees them (real time plus every step). */
  now(): number
  /** Moves the clock forward by `ms` milliseconds; jobs waiting on a deadline re-check at once. */
  step(ms: number): void
  /** The sum of every step so far, in milliseconds. */
  readonly offsetMs: number
}

/** A clock that starts at real time; `onStep` is told about every step so sleepers can wake. */
export const createClock = (onStep: () => void): EmulatorClock => {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    step(ms: number) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError('clock step must be a finite ms >= 0')
      offset += ms
      onStep()
    },
    get offsetMs() {
      return offset
    },
  }
}

/** Whole unix seconds of a millisecond timestamp, as the wire carries them. */
export const toUnixSeconds = (ms: number): number => Math.floor(ms / 1000)
