// The request body of the embeddings endpoint.
import * as t from 'io-ts'
import { anyOf, fields, integer, jsonObject, oneOf, orNull } from './requestCombinators.js'

/** Texts to embed: `input` (a string or several, required), and the output's size and format. */
export const EmbeddingRequest = fields(
  { input: anyOf([t.string, t.array(t.string)], 'Input (string | string[])') },
  {
    model: t.string,
    metadata: orNull(jsonObject),
    output_dimension: orNull(integer),
    output_dtype: oneOf(['float', 'int8', 'uint8', 'binary', 'ubinary']),
    encoding_format: oneOf(['float', 'base64']),
  },
  'EmbeddingRequest',
)
export type EmbeddingRequest = t.TypeOf<typeof EmbeddingRequest>
