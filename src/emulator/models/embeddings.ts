// Fake model of /v1/embeddings: one unit-length vector per input text, the same text giving the same vector.
import { max, min, round, sqrt } from './boundGlobals.js'
import { fakeHexId, type FakeCall } from './fakeCall.js'
import { invalidRequest, succeed, type FakeOutcome } from './fakeOutcome.js'
import { FakeRandom, round6 } from './fakeRandom.js'
import { estimateTokens } from './fakeText.js'
import { fingerprint } from './requestFingerprint.js'
import {
  checkOptionalEnum,
  checkOptionalInteger,
  checkTextInput,
  inputTexts,
} from './requestChecks.js'

/** Vector length when the request sets no `output_dimension`. */
const DEFAULT_EMBEDDING_DIMENSION = 1024

/** The largest `output_dimension` the emulator accepts, to keep its memory bounded. */
const MAX_EMBEDDING_DIMENSION = 4096

const DTYPES = ['float', 'int8', 'uint8', 'binary', 'ubinary']

/** A unit vector drawn from a seed, its components rounded to six decimals. */
function unitVector(seed: number, dimension: number): number[] {
  const random = new FakeRandom(seed)
  const vector = new Array<number>(dimension)
  let squares = 0
  for (let i = 0; i < dimension; i++) {
    const component = random.nextFloat() * 2 - 1
    vector[i] = component
    squares += component * component
  }
  const norm = sqrt(squares) || 1
  for (let i = 0; i < dimension; i++) vector[i] = round6((vector[i] as number) / norm)
  return vector
}

/** Packs the signs of a vector eight to a byte, as signed (`binary`) or unsigned (`ubinary`) ints. */
function packSigns(vector: readonly number[], signed: boolean): number[] {
  const bytes: number[] = []
  for (let start = 0; start < vector.length; start += 8) {
    let byte = 0
    for (let bit = 0; bit < 8; bit++) {
      if ((vector[start + bit] ?? -1) > 0) byte |= 0x80 >> bit
    }
    bytes.push(signed && byte > 127 ? byte - 256 : byte)
  }
  return bytes
}

/** The vector in the requested `output_dtype`. */
function encode(vector: number[], dtype: string): number[] {
  switch (dtype) {
    case 'int8':
      return vector.map((value) => max(-128, min(127, round(value * 127))))
    case 'uint8':
      return vector.map((value) => round((value + 1) * 127.5))
    case 'binary':
    case 'ubinary':
      return packSigns(vector, dtype === 'binary')
    default:
      return vector
  }
}

/** What the emulator cannot fake: base64 vectors (the schema types them as numbers), huge vectors. */
function checkLimits(body: Record<string, unknown>): string | undefined {
  if (body.encoding_format === 'base64') {
    return "The emulator only returns embeddings with `encoding_format` 'float'."
  }
  if (
    typeof body.output_dimension === 'number' &&
    body.output_dimension > MAX_EMBEDDING_DIMENSION
  ) {
    return `\`output_dimension\` must be at most ${MAX_EMBEDDING_DIMENSION}.`
  }
  return undefined
}

/** Answers an embeddings request, or says why its body is invalid. */
export function fakeEmbeddings(body: Record<string, unknown>, call: FakeCall): FakeOutcome {
  const problem =
    checkTextInput(body) ??
    checkOptionalInteger(body, 'output_dimension', 1) ??
    checkOptionalEnum(body, 'output_dtype', DTYPES) ??
    checkOptionalEnum(body, 'encoding_format', ['float', 'base64']) ??
    checkLimits(body)
  if (problem !== undefined) return invalidRequest(problem)
  const texts = inputTexts(body.input) as string[]
  const dimension =
    typeof body.output_dimension === 'number' ? body.output_dimension : DEFAULT_EMBEDDING_DIMENSION
  const dtype = typeof body.output_dtype === 'string' ? body.output_dtype : 'float'
  let promptTokens = 0
  const data = texts.map((text, index) => {
    promptTokens += estimateTokens(text)
    const seed = fingerprint(`${call.model}\u0000${dimension}\u0000${text}`)
    return {
      object: 'embedding',
      embedding: encode(unitVector(seed.high ^ seed.low, dimension), dtype),
      index,
    }
  })
  return succeed({
    id: fakeHexId(call),
    object: 'list',
    data,
    model: call.model,
    usage: { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens },
  })
}
