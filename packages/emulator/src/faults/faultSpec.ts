// What a fault rule says (which route, which failure, how often) and how to read one from JSON.
import { isRecord, shownValue, unknownKey } from '../jsonValues.js'

/** Faults applied to the body after the route has done its work. */
export const BODY_FAULTS = [
  'reset-after-processing',
  'reset-mid-body',
  'truncate',
  'slow-body',
] as const

/** Every failure the emulator can inject. */
export const FAULT_KINDS = ['429', '500', '502', '503', 'reset', ...BODY_FAULTS] as const

/** A failure kind. `429`/`5xx` (Mistral's error shape) and `reset` leave the request unprocessed;
 * `reset-after-processing` processes it (a job created, a file stored), then resets;
 * `reset-mid-body` sends headers (full Content-Length) and part of the body, then resets;
 * `truncate` the same, closed cleanly; `slow-body` sends it all in small, paused chunks. */
export type FaultKind = (typeof FAULT_KINDS)[number]

/** One rule: requests matching `route` get `kind` with probability `rate`. */
export interface FaultRule {
  /** `'*'`, `'METHOD *'` or `'METHOD /path'`, a route template (any `:param` name) or concrete. */
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

const BIG = Number.MAX_SAFE_INTEGER

/** Bounds of each numeric field of a rule: the compiler keeps the fields in step with FaultRule. */
const RULE_NUMBERS: Record<Exclude<keyof FaultRule, 'route' | 'kind'>, [number, number]> = {
  rate: [0, 1],
  times: [0, BIG],
  skip: [0, BIG],
  retryAfterSeconds: [0, BIG],
  cutAtFraction: [0, 1],
  delayMs: [0, BIG],
  chunkBytes: [1, BIG],
}
const RULE_FIELDS = ['route', 'kind', ...Object.keys(RULE_NUMBERS)]
const SPEC_FIELDS: Array<keyof FaultSpec> = ['rules', 'seed']

const parseRule = (u: unknown, index: number): FaultRule => {
  const where = `faults.rules[${index}]`
  if (!isRecord(u)) throw new TypeError(`${where} must be an object, got ${shownValue(u)}`)
  const unknown = unknownKey(u, RULE_FIELDS)
  if (unknown !== undefined) throw new TypeError(`${where} has an unknown field ${unknown}`)
  const { route, kind } = u
  if (typeof route !== 'string' || route.trim() === '') {
    throw new TypeError(`${where}.route must be a non-empty string, got ${shownValue(route)}`)
  }
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(
      `${where}.kind must be one of ${FAULT_KINDS.join(', ')}, got ${shownValue(kind)}`,
    )
  }
  const rule: FaultRule = { route: route.trim(), kind: kind as FaultKind }
  for (const [key, [min, max]] of Object.entries(RULE_NUMBERS)) {
    const value = u[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new TypeError(
        `${where}.${key} must be a number in ${min}..${max}, got ${shownValue(value)}`,
      )
    }
    Object.assign(rule, { [key]: value })
  }
  return rule
}

/** Reads `{ rules, seed? }` or a bare rule array from untrusted input (every way of setting faults
 * goes through it); throws a `TypeError` naming the rule and the field at fault. */
export const parseFaultSpec = (u: unknown): FaultSpec => {
  const shape = 'faults must be { rules: FaultRule[], seed?: number } or FaultRule[]'
  const raw = Array.isArray(u) ? { rules: u } : u
  if (!isRecord(raw)) throw new TypeError(`${shape}, got ${shownValue(u)}`)
  const unknown = unknownKey(raw, SPEC_FIELDS)
  if (unknown !== undefined) throw new TypeError(`${shape}; unknown field ${unknown}`)
  if (!Array.isArray(raw.rules)) throw new TypeError(`${shape}; rules is ${shownValue(raw.rules)}`)
  const spec: FaultSpec = { rules: raw.rules.map(parseRule) }
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'number' || !Number.isSafeInteger(raw.seed)) {
      throw new TypeError(`faults.seed must be an integer, got ${shownValue(raw.seed)}`)
    }
    spec.seed = raw.seed
  }
  return spec
}
