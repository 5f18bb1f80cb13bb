// A tiny seeded pseudo-random generator, so that a fault run or a fake answer with the same seed repeats exactly.

const { imul } = Math

/** A source of numbers in [0, 1), repeatable for a given seed. */
export type Random = () => number

/** mulberry32: 32-bit state, good enough spread for fault rates, and fully deterministic. */
export const mulberry32 = (seed: number): Random => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = imul(t ^ (t >>> 15), t | 1)
    t ^= t + imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
