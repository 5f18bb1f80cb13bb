// Human-readable numbers for messages, progress lines and tables: durations, rates, byte sizes,
// times, counted nouns.

/** `75` -> `1m 15s`; `3725` -> `1h 02m`; under a minute, whole seconds. */
export const formatDuration = (seconds: number): string => {
  if (!Number.isFinite(seconds) || seconds < 0) return '?'
  const whole = Math.round(seconds)
  if (whole < 60) return `${whole}s`
  const minutes = Math.floor(whole / 60)
  if (minutes < 60) return `${minutes}m ${String(whole % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
}

/** `12.345` -> `12.3/s`; unknown -> `-/s`. */
export const formatRate = (perSecond: number | undefined): string =>
  perSecond === undefined
    ? '-/s'
    : `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** `1536` -> `1.5 KB` (powers of 1024); null or unknown -> `-`. */
export const formatBytes = (bytes: number | null | undefined): string => {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '-'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`
}

/** Unix seconds -> `2026-08-01 12:00:00Z`; null or absent -> `-`. */
export const formatUnixTime = (seconds: number | null | undefined): string =>
  seconds === null || seconds === undefined
    ? '-'
    : new Date(seconds * 1000).toISOString().replace(/^(.*)T(.*)\.\d{3}Z$/, '$1 $2Z')

/** `n` and the noun, singular for exactly one: `1 request`, `2 requests`. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`
