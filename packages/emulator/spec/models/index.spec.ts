// The fake models as a whole: every response body against Mistral's schemas, determinism, request errors.
import { fixturePath } from '../support/fixtures.js'
import { readFileSync } from 'node:fs'
import type { FakeOutcome } from '../../src/models/index.js'
import { fakeResponse, KNOWN_ENDPOINTS } from '../../src/models/index.js'
import {
  describeErrors,
  loadEndpointSchemas,
  REQUEST_SCHEMA_BY_ENDPOINT,
  RESPONSE_SCHEMA_BY_ENDPOINT,
  schemaValidators,
  withoutPhantomDataRequirement,
} from './endpointSchemas.js'
import { OPTION_VARIANTS, OTHER_BODIES, SAMPLE_BODIES } from './sampleRequests.js'

const NOW = 1761577934
const ctx = { customId: '0', index: 0, model: null, nowSeconds: NOW }

const published = loadEndpointSchemas()
const validatorOf = schemaValidators(withoutPhantomDataRequirement(published))
const literalValidatorOf = schemaValidators(published)

/** The body of a successful outcome; fails the test otherwise. */
function bodyOf(outcome: FakeOutcome): Record<string, unknown> {
  if (!outcome.ok) throw new Error(`expected a 200, got ${outcome.statusCode}: ${outcome.message}`)
  return outcome.body
}

/** A copy without the fields taken from the clock, which alone may differ between two calls. */
function withoutTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, member: unknown) =>
    key === 'created' || key === 'created_at' || key === 'completed_at' ? undefined : member,
  )
}

const modelFor = (endpoint: string): string =>
  endpoint === '/v1/embeddings' ? 'mistral-embed' : 'mistral-small-latest'

describe('KNOWN_ENDPOINTS', () => {
  it('lists the ten endpoints of WIRE.md, each with a response schema in the mapping', () => {
    const wire = readFileSync(fixturePath('api', 'WIRE.md'), 'utf8')
    const listed = [...wire.matchAll(/`(\/v1\/[a-z/]+)`/g)]
      .map((match) => match[1])
      .filter((path) => !path?.startsWith('/v1/files') && !path?.startsWith('/v1/batch'))
    expect(KNOWN_ENDPOINTS).toEqual([...new Set(listed)])
    expect(KNOWN_ENDPOINTS).toHaveLength(10)
    expect(Object.keys(RESPONSE_SCHEMA_BY_ENDPOINT).sort()).toEqual([...KNOWN_ENDPOINTS].sort())
  })
})

describe('the schema extract', () => {
  it('requires a phantom `data` on chat bodies, which real Mistral lines lack (the one correction)', () => {
    const realBodies = readFileSync(fixturePath('chat-output.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { response: { body: unknown } }).response.body)
    const literal = literalValidatorOf('ChatCompletionResponse')
    const corrected = validatorOf('ChatCompletionResponse')
    for (const body of realBodies) {
      expect(literal(body)).toBe(false)
      expect(literal.errors?.map((error) => error.params)).toEqual([{ missingProperty: 'data' }])
      expect(corrected(body)).toBe(true)
    }
  })
})

describe.each(KNOWN_ENDPOINTS.map((endpoint) => [endpoint]))('fakeResponse for %s', (endpoint) => {
  const sample = SAMPLE_BODIES[endpoint] as Record<string, unknown>
  const other = OTHER_BODIES[endpoint] as Record<string, unknown>

  it('uses sample requests that fit the request schema (with the model set)', () => {
    const schema = REQUEST_SCHEMA_BY_ENDPOINT[endpoint]
    if (schema === undefined) return
    for (const body of [sample, other, ...(OPTION_VARIANTS[endpoint] ?? [])]) {
      const validate = validatorOf(schema)
      expect({
        valid: validate({ ...body, model: modelFor(endpoint) }),
        errors: describeErrors(validate),
      }).toEqual({ valid: true, errors: '' })
    }
  })

  it('answers with a body valid against its response schema', () => {
    const validate = validatorOf(RESPONSE_SCHEMA_BY_ENDPOINT[endpoint] as string)
    const variants = OPTION_VARIANTS[endpoint] ?? []
    for (const body of [sample, other, { ...sample, model: 'my-model' }, ...variants]) {
      const response = bodyOf(fakeResponse(endpoint, body, ctx))
      expect({ valid: validate(response), errors: describeErrors(validate) }).toEqual({
        valid: true,
        errors: '',
      })
    }
  })

  it('gives the same body for the same request, whatever the clock and key order', () => {
    const first = bodyOf(fakeResponse(endpoint, sample, ctx))
    const reordered = Object.fromEntries(Object.entries(sample).reverse())
    const later = { customId: 'x', index: 7, model: null, nowSeconds: NOW + 3600 }
    const second = bodyOf(fakeResponse(endpoint, reordered, later))
    expect(withoutTimes(second)).toEqual(withoutTimes(first))
  })

  it('gives different content for different requests and for different models', () => {
    const base = withoutTimes(bodyOf(fakeResponse(endpoint, sample, ctx)))
    const otherInput = withoutTimes(bodyOf(fakeResponse(endpoint, other, ctx)))
    const otherModel = withoutTimes(bodyOf(fakeResponse(endpoint, sample, { ...ctx, model: 'm2' })))
    expect(otherInput).not.toEqual(base)
    expect(otherModel).not.toEqual(base)
  })

  it("names the body's model, else the job's, else a default", () => {
    // A conversation names its model on each output entry, the other endpoints at the top.
    const named = (outcome: FakeOutcome): unknown => {
      const body = bodyOf(outcome)
      const outputs = body.outputs as { model: unknown }[] | undefined
      return endpoint === '/v1/conversations' ? outputs?.[0]?.model : body.model
    }
    expect(
      named(fakeResponse(endpoint, { ...sample, model: 'body-model' }, { ...ctx, model: 'job' })),
    ).toBe('body-model')
    expect(named(fakeResponse(endpoint, sample, { ...ctx, model: 'job-model' }))).toBe('job-model')
    expect(named(fakeResponse(endpoint, sample, ctx))).toEqual(expect.any(String))
  })

  it.each([
    ['an array', []],
    ['a string', 'hello'],
    ['null', null],
  ])('rejects a body that is %s with a 400', (_label, body) => {
    expect(fakeResponse(endpoint, body, ctx)).toEqual({
      ok: false,
      statusCode: 400,
      message: `The request body for ${endpoint} must be a JSON object.`,
      type: 'invalid_request_error',
    })
  })

  it('rejects a non-string model with a 422', () => {
    expect(fakeResponse(endpoint, { ...sample, model: 42 }, ctx)).toMatchObject({
      ok: false,
      statusCode: 422,
    })
  })
})

/** Bodies that break each endpoint's request schema, with the phrase the message must contain. */
const INVALID_BODIES: ReadonlyArray<readonly [string, string, unknown, string]> = [
  ['/v1/chat/completions', 'no messages', {}, '`messages`'],
  ['/v1/chat/completions', 'empty messages', { messages: [] }, '`messages`'],
  ['/v1/chat/completions', 'messages not an array', { messages: 'hi' }, '`messages`'],
  ['/v1/chat/completions', 'a message without role', { messages: [{ content: 'x' }] }, 'role'],
  [
    '/v1/chat/completions',
    'a user message without content',
    { messages: [{ role: 'user' }] },
    'content',
  ],
  ['/v1/chat/completions', 'a message that is a string', { messages: ['hi'] }, 'not an object'],
  [
    '/v1/chat/completions',
    'negative max_tokens',
    { ...SAMPLE_BODIES['/v1/chat/completions'], max_tokens: -1 },
    'max_tokens',
  ],
  ['/v1/chat/completions', 'n of zero', { ...SAMPLE_BODIES['/v1/chat/completions'], n: 0 }, '`n`'],
  ['/v1/embeddings', 'no input', {}, '`input`'],
  ['/v1/embeddings', 'empty input list', { input: [] }, '`input`'],
  ['/v1/embeddings', 'input of numbers', { input: [1, 2] }, '`input`'],
  [
    '/v1/embeddings',
    'zero output_dimension',
    { input: 'a', output_dimension: 0 },
    'output_dimension',
  ],
  [
    '/v1/embeddings',
    'huge output_dimension',
    { input: 'a', output_dimension: 100000 },
    'output_dimension',
  ],
  [
    '/v1/embeddings',
    'unknown output_dtype',
    { input: 'a', output_dtype: 'float16' },
    'output_dtype',
  ],
  [
    '/v1/embeddings',
    'base64 encoding',
    { input: 'a', encoding_format: 'base64' },
    'encoding_format',
  ],
  ['/v1/fim/completions', 'no prompt', { suffix: 'x' }, '`prompt`'],
  ['/v1/fim/completions', 'a numeric prompt', { prompt: 3 }, '`prompt`'],
  ['/v1/fim/completions', 'a numeric suffix', { prompt: 'a', suffix: 3 }, '`suffix`'],
  ['/v1/moderations', 'no input', {}, '`input`'],
  ['/v1/chat/moderations', 'no input', {}, '`input`'],
  ['/v1/chat/moderations', 'input of strings', { input: ['hi'] }, 'not an object'],
  ['/v1/ocr', 'no document', {}, '`document`'],
  ['/v1/ocr', 'a document without url', { document: { type: 'document_url' } }, '`document`'],
  ['/v1/ocr', 'bad pages', { ...SAMPLE_BODIES['/v1/ocr'], pages: 'one' }, '`pages`'],
  ['/v1/classifications', 'no input', {}, '`input`'],
  ['/v1/chat/classifications', 'no input', {}, '`input`'],
  ['/v1/chat/classifications', 'a chat without messages', { input: [{}] }, '`input[0].messages`'],
  ['/v1/conversations', 'no inputs', {}, '`inputs`'],
  ['/v1/conversations', 'empty inputs', { inputs: [] }, '`inputs`'],
  ['/v1/conversations', 'streaming', { inputs: 'hi', stream: true }, '`stream`'],
  ['/v1/audio/transcriptions', 'no audio source', {}, 'audio source'],
  [
    '/v1/audio/transcriptions',
    'two audio sources',
    { file_url: 'a', file_id: 'b' },
    'audio source',
  ],
  [
    '/v1/audio/transcriptions',
    'a long language',
    { file_url: 'a', language: 'english' },
    '`language`',
  ],
  [
    '/v1/audio/transcriptions',
    'an unknown granularity',
    { file_url: 'a', timestamp_granularities: ['line'] },
    'timestamp_granularities',
  ],
]

describe('invalid request bodies', () => {
  it.each(INVALID_BODIES)(
    '%s with %s: 422 and a message naming the field',
    (endpoint, _label, body, phrase) => {
      const outcome = fakeResponse(endpoint, body, ctx)
      expect(outcome).toMatchObject({ ok: false, statusCode: 422, type: 'invalid_request_error' })
      const message = outcome.ok ? '' : outcome.message
      expect(message).toContain(phrase)
      expect(message).toMatch(/^[A-Z`'"].*\.$/)
    },
  )

  it('answers an unknown endpoint with a 404', () => {
    expect(fakeResponse('/v1/images', {}, ctx)).toEqual({
      ok: false,
      statusCode: 404,
      message: 'Unknown endpoint "/v1/images".',
      type: 'invalid_request_error',
    })
    expect(fakeResponse('constructor', {}, ctx)).toMatchObject({ ok: false, statusCode: 404 })
  })
})

describe('scale', () => {
  it('generates 100,000 chat responses without error', () => {
    let tokens = 0
    for (let i = 0; i < 100_000; i++) {
      const body = { messages: [{ role: 'user', content: `Question number ${i}` }] }
      const outcome = fakeResponse('/v1/chat/completions', body, ctx)
      tokens += (bodyOf(outcome).usage as { total_tokens: number }).total_tokens
    }
    expect(tokens).toBeGreaterThan(100_000)
  })
})
