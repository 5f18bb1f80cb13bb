// Test helper: ajv validators built from Mistral's endpoint schemas (../shared/api), an independent check
// of the fake models. Other emulator specs may import it to validate output-line bodies.
//
// The extract has no `paths`, only `components.schemas`; which schema answers which endpoint comes
// from Mistral's API reference:
//
// | endpoint                   | request schema            | 200 response schema     |
// |----------------------------|---------------------------|-------------------------|
// | /v1/chat/completions       | ChatCompletionRequest     | ChatCompletionResponse  |
// | /v1/embeddings             | EmbeddingRequest          | EmbeddingResponse       |
// | /v1/fim/completions        | FIMCompletionRequest      | FIMCompletionResponse   |
// | /v1/moderations            | ClassificationRequest     | ModerationResponse      |
// | /v1/chat/moderations       | ChatModerationRequest     | ModerationResponse      |
// | /v1/ocr                    | OCRRequest                | OCRResponse             |
// | /v1/classifications        | ClassificationRequest     | ClassificationResponse  |
// | /v1/chat/classifications   | ChatClassificationRequest | ClassificationResponse  |
// | /v1/conversations          | ConversationRequest       | ConversationResponse    |
// | /v1/audio/transcriptions   | (multipart, not in file)  | TranscriptionResponse   |
import { fixturePath } from '../support/fixtures.js'
import { readFileSync } from 'node:fs'
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'

/** Where the shared wire contract keeps the endpoint schemas. */
const ENDPOINT_SCHEMAS_PATH = fixturePath('api', 'endpoint-schemas.openapi.yaml')

/** The 200-response schema of each endpoint (table above). */
export const RESPONSE_SCHEMA_BY_ENDPOINT: Readonly<Record<string, string>> = {
  '/v1/chat/completions': 'ChatCompletionResponse',
  '/v1/embeddings': 'EmbeddingResponse',
  '/v1/fim/completions': 'FIMCompletionResponse',
  '/v1/moderations': 'ModerationResponse',
  '/v1/chat/moderations': 'ModerationResponse',
  '/v1/ocr': 'OCRResponse',
  '/v1/classifications': 'ClassificationResponse',
  '/v1/chat/classifications': 'ClassificationResponse',
  '/v1/conversations': 'ConversationResponse',
  '/v1/audio/transcriptions': 'TranscriptionResponse',
}

/** The request schema of each endpoint; transcriptions are multipart and have none in the file. */
export const REQUEST_SCHEMA_BY_ENDPOINT: Readonly<Record<string, string>> = {
  '/v1/chat/completions': 'ChatCompletionRequest',
  '/v1/embeddings': 'EmbeddingRequest',
  '/v1/fim/completions': 'FIMCompletionRequest',
  '/v1/moderations': 'ClassificationRequest',
  '/v1/chat/moderations': 'ChatModerationRequest',
  '/v1/ocr': 'OCRRequest',
  '/v1/classifications': 'ClassificationRequest',
  '/v1/chat/classifications': 'ChatClassificationRequest',
  '/v1/conversations': 'ConversationRequest',
}

type SchemaDocument = { components: { schemas: Record<string, Record<string, unknown>> } }

/** The YAML file as a plain object, exactly as published. */
export function loadEndpointSchemas(): SchemaDocument {
  return parse(readFileSync(ENDPOINT_SCHEMAS_PATH, 'utf8')) as SchemaDocument
}

/**
 * The one correction to the extract: `ChatCompletionResponse` lists `data` as required though it
 * declares no such property, and Mistral's real chat bodies (examples/chat-output.jsonl) carry none.
 * The emulator follows real traffic; index.spec.ts proves the real lines fail only on that entry.
 */
export function withoutPhantomDataRequirement(document: SchemaDocument): SchemaDocument {
  const copy = structuredClone(document)
  const chat = copy.components.schemas.ChatCompletionResponse as {
    allOf: { required?: string[] }[]
  }
  for (const part of chat.allOf) {
    if (part.required) part.required = part.required.filter((key) => key !== 'data')
  }
  return copy
}

/** Compiles a validator per named schema, `$ref`s resolved inside the given document. */
export function schemaValidators(document: SchemaDocument): (name: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addFormat('binary', true)
  ajv.addSchema(document, 'endpoint-schemas')
  const cache = new Map<string, ValidateFunction>()
  return (name) => {
    let validate = cache.get(name)
    if (validate === undefined) {
      if (document.components.schemas[name] === undefined) throw new Error(`No schema ${name}`)
      validate = ajv.compile({ $ref: `endpoint-schemas#/components/schemas/${name}` })
      cache.set(name, validate)
    }
    return validate
  }
}

/** A readable list of ajv errors, for test failure messages. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`)
    .join('; ')
}
