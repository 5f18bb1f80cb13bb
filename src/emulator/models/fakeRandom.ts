// The draws a fake model makes from its seeded generator: floats, ranges, picks and hex digits.
import { mulberry32, type Random } from '../prng.js'
import { floor, round } from './boundGlobals.js'

/** A deterministic stream of numbers derived from one 32-bit seed (mulberry32). */
export class FakeRandom {
  /** A float in [0, 1). */
  readonly nextFloat: Random

  constructor(seed: number) {
    this.nextFloat = mulberry32(seed)
  }

  /** The next unsigned 32-bit integer (a float draw scaled back: exact, as its divisor is 2^32). */
  nextUint32(): number {
    return this.nextFloat() * 4294967296
  }

  /** An integer in [low, high], both included. */
  nextInt(low: number, high: number): number {
    return low + floor(this.nextFloat() * (high - low + 1))
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.nextInt(0, items.length - 1)] as T
  }

  /** Lowercase hex digits, eight per 32-bit draw. */
  hex(length: number): string {
    let out = ''
    while (out.length < length) out += hex8(this.nextUint32())
    return out.slice(0, length)
  }
}

/** An unsigned 32-bit integer as eight hex digits. */
export function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0')
}

/** Rounds to six decimals, the precision of the fake floats. */
export function round6(value: number): number {
  return round(value * 1e6) / 1e6
}
