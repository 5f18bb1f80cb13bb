// Durations, rates, byte sizes and times as the CLI prints them.
import {
  formatBytes,
  formatDuration,
  formatRate,
  formatUnixTime,
} from '../../src/render/formatUnits'

describe('formatUnits', () => {
  it('formats durations in s, m s and h m', () => {
    expect(formatDuration(4.4)).toBe('4s')
    expect(formatDuration(75)).toBe('1m 15s')
    expect(formatDuration(3725)).toBe('1h 02m')
    expect(formatDuration(-1)).toBe('?')
    expect(formatDuration(Infinity)).toBe('?')
  })

  it('formats rates with one decimal below 100 per second', () => {
    expect(formatRate(12.345)).toBe('12.3/s')
    expect(formatRate(250.4)).toBe('250/s')
    expect(formatRate(undefined)).toBe('-/s')
  })

  it('formats byte sizes in powers of 1024', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(5 * 1024 * 1024 * 1024)).toBe('5.0 GB')
    expect(formatBytes(null)).toBe('-')
  })

  it('formats unix seconds as UTC without milliseconds', () => {
    expect(formatUnixTime(1_785_585_600)).toBe('2026-08-01 12:00:00Z')
    expect(formatUnixTime(null)).toBe('-')
    expect(formatUnixTime(undefined)).toBe('-')
  })
})
