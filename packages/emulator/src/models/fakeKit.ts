// What every fake model is made of: a request's fingerprint, the seeded draws taken from it,
// filler text, and the outcome it answers with. Same request, same answer.
import { mulberry32, type Random } from '../prng.js'

// Bound once: inside jest (a node:vm context) every global lookup goes through a slow interceptor,
// about 40 times slower, and the emulator's own tests run whole jobs in jest.
const { imul, floor } = Math
export const { round, ceil, min, max, sqrt } = Math
export const { isArray } = Array
export const { isInteger } = Number
const objectKeys = Object.keys
export const jsonStringify = JSON.stringify

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

  pick<T>(items: readonly T[]): T {
    return items[this.nextInt(0, items.length - 1)] as T
  }

  hex(length: number): string {
    let out = ''
    while (out.length < length) out += hex8(this.nextUint32())
    return out.slice(0, length)
  }
}

export const hex8 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0')

/** Rounds to six decimals, the precision of the fake floats. */
export const round6 = (value: number): number => round(value * 1e6) / 1e6

/** Two independent 32-bit hashes of the same text. */
type Fingerprint = { readonly high: number; readonly low: number }

/** JSON with object keys sorted at every depth (`undefined` members left out, as JSON does). */
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

/** FNV-1a and a murmur-style hash over the UTF-16 units, in one pass: two 32-bit halves keep ids
 * distinct across a million requests, where one alone would not. */
export function fingerprint(text: string): Fingerprint {
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
export const requestFingerprint = (endpoint: string, model: string, body: unknown): Fingerprint =>
  fingerprint(`${endpoint}\u0000${model}\u0000${canonicalJson(body)}`)

/** A generator seeded from a text alone: the same text scores the same in any request. */
export const textRandom = (text: string): FakeRandom => {
  const seed = fingerprint(text)
  return new FakeRandom(seed.high ^ seed.low)
}

export interface FakeCall {
  /** The model named in the response: the body's, else the job's, else the endpoint's default. */
  readonly model: string
  /** The emulator's clock in unix seconds. */
  readonly nowSeconds: number
  readonly fingerprint: Fingerprint
  readonly random: FakeRandom
}

export const fakeCall = (model: string, nowSeconds: number, fingerprint: Fingerprint): FakeCall => {
  const random = new FakeRandom(fingerprint.high ^ imul(fingerprint.low, 0x9e3779b1))
  return { model, nowSeconds, fingerprint, random }
}

/** A 32-hex-digit id like Mistral's, its first half the fingerprint: no collisions by chance. */
export const fakeHexId = ({ fingerprint, random }: FakeCall): string =>
  hex8(fingerprint.high) + hex8(fingerprint.low) + random.hex(16)

/** What a fake model answers: the response body, or the one sentence of its 422 (a body that
 * breaks the endpoint's request schema). */
export type FakeAnswer = Record<string, unknown> | string

const WORDS = (
  'the batch model answer result request stream value simple clear data line file job every ' +
  'small quick steady local test emulator response token output input text short useful ' +
  'reliable same each one two three many first next last good fine works returns keeps gives ' +
  'shows follows reads writes runs checks with for from into over under and but so then here ' +
  'there always often'
).split(' ')

const CODE_WORDS = 'value result items index count total name data entry key'.split(' ')

/** A rough token count: about four characters a token, never below one. */
export const estimateTokens = (text: string): number => max(1, ceil(text.length / 4))

export const fakeWords = (random: FakeRandom, count: number): string[] =>
  Array.from({ length: count }, () => random.pick(WORDS))

/** Words set out as sentences of five to eleven words, capitalised and full-stopped. */
export function asSentences(random: FakeRandom, words: readonly string[]): string {
  const sentences: string[] = []
  for (let start = 0; start < words.length;) {
    const end = min(words.length, start + random.nextInt(5, 11))
    const sentence = words.slice(start, end).join(' ')
    sentences.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`)
    start = end
  }
  return sentences.join(' ')
}

/** Fake code for fill-in-the-middle: `count` short statements, one a line. */
export const fakeCodeLines = (random: FakeRandom, count: number): string =>
  Array.from(
    { length: count },
    () => `  ${random.pick(CODE_WORDS)} = ${random.pick(CODE_WORDS)} + ${random.nextInt(0, 99)}`,
  ).join('\n')
