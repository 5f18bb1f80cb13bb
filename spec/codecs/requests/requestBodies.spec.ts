// The request codecs of every batch endpoint against Mistral's own schemas (ajv, from the shared
// extract): the bodies the spec takes pass, with or without `model`; the mistakes fail, each
// reported at its path; `is` always agrees with `decode`, since the check relies on it.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import type * as t from 'io-ts'
import {
  describeErrors,
  loadEndpointSchemas,
  REQUEST_SCHEMA_BY_ENDPOINT,
  schemaValidators,
} from '../../../packages/emulator/spec/models/endpointSchemas.js'
import {
  OPTION_VARIANTS,
  OTHER_BODIES,
  SAMPLE_BODIES,
} from '../../../packages/emulator/spec/models/sampleRequests.js'
import { API_ENDPOINTS } from '../../../src/codecs/ApiEndpoint.js'
import {
  REQUEST_BODY_CODECS,
  requestBodyCodec,
  type KnownEndpoint,
} from '../../../src/codecs/requests/requestBodies.js'
import { bodyError } from '../../../src/jsonl/bodyCheck.js'

const validatorOf = schemaValidators(loadEndpointSchemas())
const FILE_ID = '3f1c2a4e-0000-4000-8000-000000000000'
const user = (content: unknown) => ({ role: 'user', content })

/** Valid bodies written for this spec, beyond the emulator's samples: most optional fields used. */
const VALID: ReadonlyArray<[KnownEndpoint, Record<string, unknown>]> = [
  [
    '/v1/chat/completions',
    {
      messages: [user('Who is the best French painter? Answer in one short sentence.')],
    },
  ],
  [
    '/v1/chat/completions',
    {
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        user([
          { type: 'text', text: 'What is on these?' },
          { type: 'image_url', image_url: 'https://example.com/a.png' },
          { type: 'image_url', image_url: { url: 'https://example.com/b.png', detail: 'low' } },
          { type: 'document_url', document_url: 'https://example.com/c.pdf' },
          { type: 'file', file_id: FILE_ID },
          { type: 'reference', reference_ids: [1, 'r2'] },
          { type: 'input_audio', input_audio: 'UklGRg==' },
          { type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }], closed: true },
        ]),
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } },
          ],
        },
        { role: 'tool', content: '42', tool_call_id: 'call_1', name: 'f' },
        { role: 'assistant', content: 'The answer is', prefix: true },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 100,
      stream: false,
      stop: ['\n\n'],
      random_seed: 7,
      metadata: { team: 'blue' },
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      tools: [
        {
          type: 'function',
          function: { name: 'f', description: 'd', parameters: { type: 'object' } },
        },
        { type: 'web_search' },
        { type: 'document_library', library_ids: ['lib'] },
        { type: 'connector', connector_id: 'c1', authorization: { type: 'api-key', value: 'k' } },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      presence_penalty: 0,
      frequency_penalty: 0.5,
      n: 1,
      prediction: { type: 'content', content: '' },
      parallel_tool_calls: true,
      reasoning_effort: 'low',
      prompt_mode: 'reasoning',
      guardrails: [{ block_on_error: true }],
      prompt_cache_key: 'k',
      service_tier: 'standard_only',
      safe_prompt: false,
    },
  ],
  [
    '/v1/chat/completions',
    { messages: [user('Hi')], tool_choice: 'any', tools: null, stop: 'END', max_tokens: null },
  ],
  [
    '/v1/embeddings',
    { input: 'one', output_dimension: 256, encoding_format: 'base64', metadata: null },
  ],
  ['/v1/fim/completions', { prompt: 'def', suffix: 'return a+b', stop: '\n', min_tokens: 1 }],
  ['/v1/moderations', { input: 'a text', metadata: {} }],
  ['/v1/classifications', { input: ['a', 'b'] }],
  [
    '/v1/ocr',
    {
      document: { type: 'document_url', document_url: 'https://example.com/a.pdf' },
      table_format: 'html',
      extract_header: true,
      document_annotation_format: { type: 'json_object' },
    },
  ],
  // the spec gives each document kind a default `type`
  ['/v1/ocr', { document: { document_url: 'https://example.com/a.pdf' } }],
  [
    '/v1/conversations',
    {
      inputs: [
        user('Hi'),
        { type: 'message.output', role: 'assistant', content: 'Hello' },
        { type: 'function.call', tool_call_id: 't1', name: 'f', arguments: '{}' },
        { type: 'function.result', tool_call_id: 't1', result: '42' },
        { tool_call_id: 't2', result: 'untyped' },
      ],
      stream: false,
      store: false,
      handoff_execution: 'server',
      tools: [{ type: 'function', function: { name: 'f', parameters: {} } }],
      completion_args: { temperature: 0.2, tool_choice: 'auto', response_format: null },
      agent_id: 'ag_1',
      agent_version: 2,
    },
  ],
]

/** Every body the emulator's fake models are tested with (each valid against the spec there). */
const EMULATOR_SAMPLES: ReadonlyArray<[KnownEndpoint, Record<string, unknown>]> =
  API_ENDPOINTS.flatMap((endpoint) =>
    [SAMPLE_BODIES[endpoint], OTHER_BODIES[endpoint], ...(OPTION_VARIANTS[endpoint] ?? [])].map(
      (body) =>
        [endpoint, body as Record<string, unknown>] as [KnownEndpoint, Record<string, unknown>],
    ),
  )

const MODELS: Readonly<Record<KnownEndpoint, string>> = {
  '/v1/chat/completions': 'mistral-small-latest',
  '/v1/embeddings': 'mistral-embed',
  '/v1/fim/completions': 'codestral-latest',
  '/v1/moderations': 'mistral-moderation-latest',
  '/v1/chat/moderations': 'mistral-moderation-latest',
  '/v1/ocr': 'mistral-ocr-latest',
  '/v1/classifications': 'ft:classifier:ministral-3b-latest:x',
  '/v1/chat/classifications': 'ft:classifier:ministral-3b-latest:x',
  '/v1/conversations': 'mistral-medium-latest',
  '/v1/audio/transcriptions': 'voxtral-mini-latest',
}

/** The spec's verdict on `body` for `endpoint` (with its model, which the spec requires). */
const specVerdict = (endpoint: KnownEndpoint, body: Record<string, unknown>) => {
  const schema = REQUEST_SCHEMA_BY_ENDPOINT[endpoint]
  if (schema === undefined) return undefined
  const validate = validatorOf(schema)
  const valid = validate({ model: MODELS[endpoint], ...body })
  return { valid, errors: describeErrors(validate) }
}

const codecOf = (endpoint: KnownEndpoint): t.Mixed => REQUEST_BODY_CODECS[endpoint]

/** The failing paths of `body`, as the check reports them. */
const problems = (endpoint: KnownEndpoint, body: unknown): string | undefined =>
  bodyError(codecOf(endpoint), endpoint, body, 'the body', '')?.message

describe('the request codecs', () => {
  it('are the schemas the spec gives each endpoint, by name', () => {
    const names = Object.fromEntries(
      Object.entries(REQUEST_BODY_CODECS).map(([endpoint, codec]) => [endpoint, codec.name]),
    )
    expect(names).toEqual({
      ...REQUEST_SCHEMA_BY_ENDPOINT,
      // not in the extract: named as in Mistral's API reference
      '/v1/audio/transcriptions': 'AudioTranscriptionRequest',
    })
    expect(Object.keys(REQUEST_BODY_CODECS)).toEqual([...API_ENDPOINTS])
  })

  it('knows no codec for an endpoint this client does not know', () => {
    expect(requestBodyCodec('/v1/chat/completions')).toBe(
      REQUEST_BODY_CODECS['/v1/chat/completions'],
    )
    expect(requestBodyCodec('/v2/chat/completions')).toBeUndefined()
    expect(requestBodyCodec('toString')).toBeUndefined()
    expect(requestBodyCodec(undefined)).toBeUndefined()
  })

  describe.each([
    ['written for this spec', VALID],
    ["of the emulator's specs", EMULATOR_SAMPLES],
  ])('the valid bodies %s', (_which, bodies) => {
    it.each(bodies.map(([endpoint, body], i) => [`${endpoint} #${i}`, endpoint, body] as const))(
      '%s: the spec takes it, and so does the codec, with its model and without',
      (_name, endpoint, body) => {
        const verdict = specVerdict(endpoint, body)
        if (verdict !== undefined) expect(verdict).toEqual({ valid: true, errors: '' })
        const codec = codecOf(endpoint)
        for (const candidate of [body, { ...body, model: MODELS[endpoint] }]) {
          expect(problems(endpoint, candidate)).toBeUndefined()
          expect(codec.is(candidate)).toBe(true)
        }
      },
    )
  })

  it('lets fields it does not know pass, as given', () => {
    const body = { messages: [user('Hi')], a_field_mistral_added: { x: 1 } }
    const decoded = REQUEST_BODY_CODECS['/v1/chat/completions'].decode(body)
    expect(decoded).toEqual(E.right(body))
  })

  // [endpoint, body, the check's report]: the spec refuses each body too
  const INVALID: ReadonlyArray<[KnownEndpoint, Record<string, unknown>, string]> = [
    [
      '/v1/chat/completions',
      { messages: [{ role: 'robot', content: 'Hi' }] },
      'body.messages[0].role: expected one of system, user, assistant, tool, got "robot"',
    ],
    [
      '/v1/chat/completions',
      { prompt: 'Hi' },
      'body.messages: missing, expected Array<ChatRequestMessage>',
    ],
    [
      '/v1/chat/completions',
      { messages: [{ content: 'Hi' }] },
      'body.messages[0].role: missing, expected one of system, user, assistant, tool',
    ],
    [
      '/v1/chat/completions',
      { messages: [user(42)] },
      'body.messages[0].content: expected MessageContent (string | null | ContentChunk[]), got 42',
    ],
    [
      '/v1/chat/completions',
      { messages: [user([{ type: 'txt', text: 'Hi' }])] },
      'body.messages[0].content[0].type: expected one of text, image_url, document_url, ' +
        'reference, file, thinking, input_audio, got "txt"',
    ],
    [
      '/v1/chat/completions',
      { messages: [user([{ type: 'text', content: 'Hi' }])] },
      'body.messages[0].content[0].text: missing, expected string',
    ],
    [
      '/v1/chat/completions',
      { messages: [{ role: 'system', content: null }] },
      'body.messages[0].content: expected SystemMessageContent (string | chunks), got null',
    ],
    [
      '/v1/chat/completions',
      { messages: [user('Hi')], max_tokens: 1.5, temperature: '0.2' },
      'body.temperature: expected (number | null), got "0.2"; ' +
        'body.max_tokens: expected (integer | null), got 1.5',
    ],
    [
      '/v1/chat/completions',
      { messages: [user('Hi')], tool_choice: 'maybe' },
      'body.tool_choice: expected ToolChoice (one of auto, none, any, required, or ' +
        '{ function: { name } }), got "maybe"',
    ],
    [
      '/v1/chat/completions',
      { messages: [user('Hi')], response_format: { type: 'json' } },
      'body.response_format.type: expected one of text, json_object, json_schema, got "json"',
    ],
    [
      '/v1/chat/completions',
      { messages: [user('Hi')], tools: [{ function: { name: 'f' } }, { type: 'web' }] },
      'body.tools[0].function.parameters: missing, expected object; body.tools[1].type: ' +
        'expected one of function, web_search, web_search_premium, code_interpreter, ' +
        'image_generation, document_library, connector, got "web"',
    ],
    [
      '/v1/chat/completions',
      { messages: [user('Hi')], reasoning_effort: 'max' },
      'body.reasoning_effort: expected (one of none, minimal, low, medium, high, xhigh | null), ' +
        'got "max"',
    ],
    ['/v1/embeddings', { input: ['a', 2] }, 'body.input[1]: expected string, got 2'],
    [
      '/v1/embeddings',
      { input: 'a', output_dtype: 'float64' },
      'body.output_dtype: expected one of float, int8, uint8, binary, ubinary, got "float64"',
    ],
    ['/v1/fim/completions', { suffix: 'x' }, 'body.prompt: missing, expected string'],
    ['/v1/moderations', { inputs: 'a' }, 'body.input: missing, expected Input (string | string[])'],
    [
      '/v1/chat/moderations',
      { input: [[user('Hi'), { role: 'bot', content: 'Hello' }]] },
      'body.input[0][1].role: expected one of system, user, assistant, tool, got "bot"',
    ],
    ['/v1/classifications', { input: [1] }, 'body.input[0]: expected string, got 1'],
    [
      '/v1/chat/classifications',
      { input: { messages: [{ role: 'user' }] } },
      'body.input.messages[0].content: missing, expected MessageContent (string | null | ' +
        'ContentChunk[])',
    ],
    [
      '/v1/ocr',
      { document: { type: 'pdf', url: 'https://example.com/a.pdf' } },
      'body.document.type: expected one of file, document_url, image_url, got "pdf"',
    ],
    [
      '/v1/ocr',
      { document: { type: 'file', file_id: FILE_ID }, table_format: 'csv', pages: [1.5] },
      'body.pages[0]: expected integer, got 1.5; ' +
        'body.table_format: expected (one of markdown, html | null), got "csv"',
    ],
    [
      '/v1/conversations',
      { inputs: [{ role: 'system', content: 'Hi' }] },
      'body.inputs[0].role: expected one of assistant, user, got "system"',
    ],
    [
      '/v1/conversations',
      { inputs: 'Hi', stream: true, handoff_execution: 'both' },
      'body.stream: expected false, got true; ' +
        'body.handoff_execution: expected (one of client, server | null), got "both"',
    ],
    [
      '/v1/conversations',
      { inputs: [{ type: 'function.result', tool_call_id: 't1' }] },
      'body.inputs[0].result: missing, expected string',
    ],
    [
      '/v1/audio/transcriptions',
      { file_url: 'https://example.com/a.mp3', timestamp_granularities: ['line'] },
      'body.timestamp_granularities[0]: expected one of segment, word, got "line"',
    ],
  ]

  it.each(
    INVALID.map(
      ([endpoint, body, report]) => [`${endpoint}: ${report}`, endpoint, body, report] as const,
    ),
  )('%s', (_name, endpoint, body, report) => {
    expect(specVerdict(endpoint, body)?.valid ?? false).toBe(false)
    expect(codecOf(endpoint).is(body)).toBe(false)
    expect(problems(endpoint, body)).toBe(
      `the body: ${report} (checked as a ${codecOf(endpoint).name}, the body of ${endpoint})`,
    )
  })

  describe('`is` agrees with `decode`', () => {
    const corpus = [...VALID, ...EMULATOR_SAMPLES, ...INVALID.map(([e, b]) => [e, b] as const)]

    /** Every path into `value` that a mutation may replace or delete. */
    const pathsOf = (value: unknown, prefix: ReadonlyArray<string | number> = []) => {
      const paths: Array<ReadonlyArray<string | number>> = [prefix]
      if (Array.isArray(value)) value.forEach((v, i) => paths.push(...pathsOf(v, [...prefix, i])))
      else if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]))
      }
      return paths
    }

    const mutated = (body: unknown, path: ReadonlyArray<string | number>, value: unknown) => {
      const copy = structuredClone(body) as Record<string | number, unknown>
      if (path.length === 0) return value
      let at = copy
      for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
      const last = path[path.length - 1]!
      // removed from an array, an item goes (a hole would be no JSON value at all)
      if (value !== undefined) at[last] = value
      else if (Array.isArray(at)) at.splice(last as number, 1)
      else delete at[last]
      return copy
    }

    it('on a body of the corpus with one value replaced or removed', () => {
      const replacement = fc.oneof(
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom('user', 'text', 'function', 'message.input', 'file', null, 1.5, []),
      )
      fc.assert(
        fc.property(
          fc.nat({ max: corpus.length - 1 }),
          fc.nat(),
          replacement,
          (which, pathSeed, value) => {
            const [endpoint, body] = corpus[which]!
            const paths = pathsOf(body)
            const candidate = mutated(body, paths[pathSeed % paths.length]!, value)
            const codec = codecOf(endpoint)
            expect(codec.is(candidate)).toBe(E.isRight(codec.decode(candidate)))
          },
        ),
        { numRuns: 3000 },
      )
    })
  })
})
