// Fake model of /v1/embeddings: one unit-length vector per input text, the same text giving the
// same vector.
import {
  estimateTokens,
  fakeHexId,
  max,
  min,
  round,
  round6,
  sqrt,
  textRandom,
  type FakeCall,
  type FakeAnswer,
} from './fakeKit.js'
import { checkOptionalEnum, checkOptionalInteger, inputTexts } from './requestChecks.js'

const DEFAULT_DIMENSION = 1024

/** The largest `output_dimension` the emulator accepts, to keep its memory bounded. */
const MAX_DIMENSION = 4096

/** A unit vector drawn from the text, its components rounded to six decimals. */
function unitVector(seedText: string, dimension: number): number[] {
  const random = textRandom(seedText)
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

const ENCODINGS = {
  float: (vector) => vector,
  int8: (vector) => vector.map((value) => max(-128, min(127, round(value * 127)))),
  uint8: (vector) => vector.map((value) => round((value + 1) * 127.5)),
  binary: (vector) => packSigns(vector, true),
  ubinary: (vector) => packSigns(vector, false),
} satisfies Record<string, (vector: number[]) => number[]>
const DTYPES = Object.keys(ENCODINGS)

/** What the emulator cannot fake: base64 vectors (the schema types them as numbers), huge vectors. */
function checkLimits({
  encoding_format: format,
  output_dimension: dimension,
}: Record<string, unknown>) {
  if (format === 'base64')
    return "The emulator only returns embeddings with `encoding_format` 'float'."
  if (typeof dimension === 'number' && dimension > MAX_DIMENSION) {
    return `\`output_dimension\` must be at most ${MAX_DIMENSION}.`
  }
  return undefined
}

export function fakeEmbeddings(body: Record<string, unknown>, call: FakeCall): FakeAnswer {
  const texts = inputTexts(body.input)
  const problem =
    (typeof texts === 'string' ? texts : undefined) ??
    checkOptionalInteger(body, 'output_dimension', 1) ??
    checkOptionalEnum(body, 'output_dtype', DTYPES) ??
    checkOptionalEnum(body, 'encoding_format', ['float', 'base64']) ??
    checkLimits(body)
  if (problem !== undefined || typeof texts === 'string') return problem as string
  const dimension =
    typeof body.output_dimension === 'number' ? body.output_dimension : DEFAULT_DIMENSION
  const encode = ENCODINGS[body.output_dtype as keyof typeof ENCODINGS] ?? ENCODINGS.float
  let promptTokens = 0
  const data = texts.map((text, index) => {
    promptTokens += estimateTokens(text)
    const vector = unitVector(`${call.model}\u0000${dimension}\u0000${text}`, dimension)
    return { object: 'embedding', embedding: encode(vector), index }
  })
  return {
    id: fakeHexId(call),
    object: 'list',
    data,
    model: call.model,
    usage: { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens },
  }
}
