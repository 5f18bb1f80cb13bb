// What a fault rule says (which route, which failure, how often) and how to read one from JSON.

/** Every failure the emulator can inject. */
export const FAULT_KINDS = [
  '429',
  '500',
  '502',
  '503',
  'reset',
  'reset-after-processing',
  'reset-mid-body',
  'truncate',
  'slow-body',
] as const

/**
 * A failure kind:
 * - `429`, `500`, `502`, `503`: answered at once in Mistral's error shape, the request is not processed;
 * - `reset`: the connection is destroyed before any response, the request is not processed;
 * - `reset-after-processing`: the request IS processed (a job created, a file stored), then the
 *   connection is destroyed before the response;
 * - `reset-mid-body`: status and headers (with the full Content-Length) and part of the body are
 *   sent, then the connection is reset;
 * - `truncate`: like `reset-mid-body` but the connection is closed cleanly (a short body);
 * - `slow-body`: the whole body arrives, in small chunks with a pause between them.
 */
export type FaultKind = (typeof FAULT_KINDS)[number]

/** One rule: requests matching `route` get `kind` with probability `rate`. */
export interface FaultRule {
  /**
   * `'*'`, `'METHOD *'`, or `'METHOD /path'` where the path is a route template
   * (`GET /v1/batch/jobs/:id`; parameter names do not matter) or a concrete path.
   */
  route: string
  /** The failure to inject. */
  kind: FaultKind
  /** Probability per matching request, 0..1. @default 1 */
  rate?: number
  /** Inject at most this many times, then the rule is spent. @default unlimited */
  times?: number
  /** Let this many matching requests through untouched before the rule applies. @default 0 */
  skip?: number
  /** `429` only: the `Retry-After` header, in seconds. @default 1 */
  retryAfterSeconds?: number
  /** `reset-mid-body` and `truncate`: the share of the body sent before the cut, 0..1. @default 0.5 */
  cutAtFraction?: number
  /** `slow-body`: the pause between chunks, in ms. @default 50 */
  delayMs?: number
  /** `slow-body`: the chunk size, in bytes. @default 1024 */
  chunkBytes?: number
}

/** A set of fault rules; the first rule drawn for a request wins (rates add up across rules). */
export interface FaultSpec {
  /** The rules, considered in order. */
  rules: FaultRule[]
  /** Seed of the fault PRNG; when absent the emulator's `seed` option is used. */
  seed?: number
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const optionalNumber = (
  rule: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  index: number,
): number | undefined => {
  const value = rule[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new TypeError(`faults.rules[${index}].${key} must be a number in ${min}..${max}`)
  }
  return value
}

const parseRule = (u: unknown, index: number): FaultRule => {
  if (!isRecord(u)) throw new TypeError(`faults.rules[${index}] must be an object`)
  const { route, kind } = u
  if (typeof route !== 'string' || route.trim() === '') {
    throw new TypeError(`faults.rules[${index}].route must be a non-empty string`)
  }
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(`faults.rules[${index}].kind must be one of ${FAULT_KINDS.join(', ')}`)
  }
  const rule: FaultRule = { route: route.trim(), kind: kind as FaultKind }
  const big = Number.MAX_SAFE_INTEGER
  const numbers = {
    rate: optionalNumber(u, 'rate', 0, 1, index),
    times: optionalNumber(u, 'times', 0, big, index),
    skip: optionalNumber(u, 'skip', 0, big, index),
    retryAfterSeconds: optionalNumber(u, 'retryAfterSeconds', 0, big, index),
    cutAtFraction: optionalNumber(u, 'cutAtFraction', 0, 1, index),
    delayMs: optionalNumber(u, 'delayMs', 0, big, index),
    chunkBytes: optionalNumber(u, 'chunkBytes', 1, big, index),
  }
  for (const [key, value] of Object.entries(numbers)) {
    if (value !== undefined) Object.assign(rule, { [key]: value })
  }
  return rule
}

/**
 * Reads a fault spec from untrusted JSON: either `{ rules: [...], seed? }` or a bare array of
 * rules. Throws a `TypeError` naming the first bad field.
 */
export const parseFaultSpec = (u: unknown): FaultSpec => {
  const raw = Array.isArray(u) ? { rules: u } : u
  if (!isRecord(raw) || !Array.isArray(raw.rules)) {
    throw new TypeError('faults must be { rules: FaultRule[], seed?: number } or FaultRule[]')
  }
  const spec: FaultSpec = { rules: raw.rules.map(parseRule) }
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'number' || !Number.isInteger(raw.seed)) {
      throw new TypeError('faults.seed must be an integer')
    }
    spec.seed = raw.seed
  }
  return spec
}
