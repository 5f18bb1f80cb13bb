// How often the CLI polls a job: its default pace, or a fixed --interval.
import { CLI_WATCH_OPTIONS, watchOptionsFor } from '../../src/run/cliWatchOptions'

describe('watchOptionsFor', () => {
  it('without --interval: quick at first, slowing to every 5 s', () => {
    expect(watchOptionsFor({})).toEqual({ intervalMs: 500, backoff: 1.5, maxIntervalMs: 5000 })
    expect(watchOptionsFor({})).toBe(CLI_WATCH_OPTIONS)
  })

  it('with --interval: every that many seconds, without slowing down', () => {
    expect(watchOptionsFor({ interval: 2 })).toEqual({
      intervalMs: 2000,
      backoff: 1,
      maxIntervalMs: 2000,
    })
    expect(watchOptionsFor({ interval: 0.25 })).toMatchObject({ intervalMs: 250 })
  })
})
