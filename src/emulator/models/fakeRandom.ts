// A seeded pseudo-random generator (mulberry32): cheap, and the same seed gives the same sequence.
import { floor, imul, round } from './boundGlobals.js'

/** A deterministic stream of numbers derived from one 32-bit seed. */
export class FakeRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** The next unsigned 32-bit integer (mulberry32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = imul(t ^ (t >>> 15), t | 1)
    t ^= t + imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  /** A float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296
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
