// A stable 64-bit fingerprint of a request, so the same request always gets the same fake answer.
import { imul, isArray, jsonStringify, objectKeys } from './boundGlobals.js'

/** Two independent 32-bit hashes of the same text. */
export interface RequestFingerprint {
  readonly high: number
  readonly low: number
}

/**
 * JSON with object keys sorted at every depth, so `{a, b}` and `{b, a}` give the same text.
 * Keys whose value is `undefined` are left out, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  if (isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const members: string[] = []
    for (const key of objectKeys(record).sort()) {
      const member = record[key]
      if (member !== undefined) members.push(`${jsonStringify(key)}:${canonicalJson(member)}`)
    }
    return `{${members.join(',')}}`
  }
  return jsonStringify(value) ?? 'null'
}

/**
 * FNV-1a and a murmur-style multiply-xorshift hash over the UTF-16 code units, in one pass.
 * Two 32-bit halves keep ids distinct across a million requests, where one half alone would not.
 */
export function fingerprint(text: string): RequestFingerprint {
  let fnv = 0x811c9dc5
  let mix = 0x9747b28c
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    fnv = imul(fnv ^ unit, 0x01000193)
    mix = imul(mix ^ unit, 0x5bd1e995)
    mix ^= mix >>> 15
  }
  return { high: fnv >>> 0, low: mix >>> 0 }
}

/** The fingerprint of a request: its endpoint, the model answering it and its canonical body. */
export function requestFingerprint(
  endpoint: string,
  model: string,
  body: unknown,
): RequestFingerprint {
  return fingerprint(`${endpoint}\u0000${model}\u0000${canonicalJson(body)}`)
}
