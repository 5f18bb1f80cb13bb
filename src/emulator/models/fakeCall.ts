// Everything a fake model needs to answer one valid request: model name, clock, seeded randomness.
import { imul } from './boundGlobals.js'
import { FakeRandom, hex8 } from './fakeRandom.js'
import type { RequestFingerprint } from './requestFingerprint.js'

/** One request being answered by a fake model. */
export interface FakeCall {
  /** The model named in the response: the body's, else the job's, else the endpoint's default. */
  readonly model: string
  /** The emulator's clock in unix seconds. */
  readonly nowSeconds: number
  /** The request's fingerprint, the root of every derived value. */
  readonly fingerprint: RequestFingerprint
  /** A generator seeded from the fingerprint. */
  readonly random: FakeRandom
}

/** Builds the call for a request with the given fingerprint. */
export function fakeCall(
  model: string,
  nowSeconds: number,
  fingerprint: RequestFingerprint,
): FakeCall {
  const random = new FakeRandom(fingerprint.high ^ imul(fingerprint.low, 0x9e3779b1))
  return { model, nowSeconds, fingerprint, random }
}

/**
 * A 32-hex-digit id like Mistral's: the first half is the fingerprint itself, so two different
 * requests never share an id by chance of the generator.
 */
export function fakeHexId(call: FakeCall): string {
  return hex8(call.fingerprint.high) + hex8(call.fingerprint.low) + call.random.hex(16)
}
