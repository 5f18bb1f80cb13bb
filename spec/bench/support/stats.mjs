// Alternating rounds (A B A B after a warm-up) and the median, min and max of their samples.
import { performance } from 'node:perf_hooks'

/** The median, min and max of some numbers. */
export const summarize = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted.at(-1), samples: sorted.length }
}

/**
 * Milliseconds taken by `run()` (sync or async), wall clock and CPU time of this process (user
 * and system: what other processes on a shared machine cannot inflate as much), with its value.
 */
export const timed = async (run) => {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await run()
  const ms = performance.now() - started
  const { user, system } = process.cpuUsage(cpu)
  return { ms, cpuMs: (user + system) / 1000, value }
}

/**
 * Runs each contender once per round, each round starting one further on (A B C, B C A, ...), after
 * `warmup` rounds that are not counted, so a noisy minute hits all of them alike. A contender is
 * an async function returning `{ ms, cpuMs?, ...extra }`; `check(name, result)` may throw to
 * reject a wrong answer. Returns, per contender, its samples of `ms` and `cpuMs` and the last
 * result.
 */
export const alternate = async ({ contenders, rounds, warmup = 1, check = () => {} }) => {
  const results = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, { ms: [], cpuMs: [] }]),
  )
  const entries = Object.entries(contenders)
  for (let round = -warmup; round < rounds; round++) {
    // each round starts one contender further on (A B C, B C A, C A B, ...): no contender
    // always runs after the same one (B1's JSON.parse alone leaves a heap of 400 MB behind)
    const start = ((round % entries.length) + entries.length) % entries.length
    for (const [name, run] of [...entries.slice(start), ...entries.slice(0, start)]) {
      globalThis.gc?.()
      const result = await run()
      check(name, result)
      if (round >= 0) {
        results[name].ms.push(result.ms)
        results[name].cpuMs.push(result.cpuMs ?? result.ms)
        results[name].last = result
      }
    }
  }
  return results
}

/**
 * The median of the per-round ratios `numerator[i] / denominator[i]`: each pair ran side by side,
 * so a slow minute of the shared machine cancels out of its ratio.
 */
export const pairedRatio = (numerator, denominator) =>
  summarize(numerator.map((value, i) => value / denominator[i])).median
