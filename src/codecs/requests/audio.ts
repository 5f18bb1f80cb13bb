// The request body of the audio transcriptions endpoint. The extract of the spec in shared/api
// has no schema for it: the fields are those of Mistral's public API reference for
// POST /v1/audio/transcriptions (model, file, file_url, file_id, language, temperature, stream,
// diarize, context_bias, timestamp_granularities). Every field is optional and nullable here, so
// that no body the API takes is refused; only the types of the fields given are checked.
import * as t from 'io-ts'
import { oneOf, optionalFields, orNull } from './requestCombinators.js'

/** Audio to transcribe: one of `file_url`, `file_id` (or `file`), and how to transcribe it. */
export const AudioTranscriptionRequest = optionalFields(
  {
    model: orNull(t.string),
    file: t.unknown,
    file_url: orNull(t.string),
    file_id: orNull(t.string),
    /** A two-letter language code such as `en`; detected when left out. */
    language: orNull(t.string),
    temperature: orNull(t.number),
    stream: orNull(t.boolean),
    diarize: orNull(t.boolean),
    context_bias: orNull(t.array(t.string)),
    timestamp_granularities: orNull(t.array(oneOf(['segment', 'word']))),
  },
  'AudioTranscriptionRequest',
)
export type AudioTranscriptionRequest = t.TypeOf<typeof AudioTranscriptionRequest>
