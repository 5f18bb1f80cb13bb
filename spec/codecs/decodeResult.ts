// Test helpers: decode and unwrap, failing the test with the report when the side is wrong.
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import { decode } from '../../src/codecs/decode.js'
import type { DecodeError } from '../../src/errors/DecodeError.js'

/** Decodes `u` and returns the value; throws the decode report if it did not fit. */
export const decodeRight = <A>(codec: t.Decoder<unknown, A>, u: unknown): A => {
  const result = decode(codec)(u)
  if (E.isLeft(result)) throw new Error(`expected a Right, got: ${result.left.message}`)
  return result.right
}

/** Decodes `u` and returns the `DecodeError`; throws if it fitted. */
export const decodeLeft = <A>(codec: t.Decoder<unknown, A>, u: unknown): DecodeError => {
  const result = decode(codec)(u)
  if (E.isRight(result)) throw new Error(`expected a Left, got ${JSON.stringify(result.right)}`)
  return result.left
}
