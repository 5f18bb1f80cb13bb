// Every create bound: the typed error, its message and field, and nothing sent to the emulator.
import * as E from 'fp-ts/Either'
import { lastValueFrom } from 'rxjs'
import { create$ } from '../../src/batch/create.js'
import type {
  CreateBatchJobInput,
  CreateBatchJobOptions,
} from '../../src/batch/createBatchJobInput.js'
import { validateCreateRequest } from '../../src/batch/validateCreateRequest.js'
import { InvalidRequestError } from '../../src/errors/index.js'
import { chatRequest, startBatchEmulator, type BatchEmulator } from './emulatorFixture.js'

const FILE_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7'
const base = { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' } as const
const inline = { ...base, requests: [chatRequest(0)] }
const many = (count: number) => Array.from({ length: count }, (_, i) => chatRequest(i))

type Case = [string, unknown, CreateBatchJobOptions, string, string]

const cases: ReadonlyArray<Case> = [
  [
    'a missing endpoint',
    { requests: [chatRequest(0)] },
    {},
    'endpoint',
    'endpoint is required, e.g. "/v1/chat/completions".',
  ],
  [
    'an unknown endpoint',
    { ...inline, endpoint: '/v1/chat/completion' },
    {},
    'endpoint',
    'endpoint "/v1/chat/completion" is not one of /v1/chat/completions, /v1/embeddings, ' +
      '/v1/fim/completions, /v1/moderations, /v1/chat/moderations, /v1/ocr, /v1/classifications, ' +
      '/v1/chat/classifications, /v1/conversations, /v1/audio/transcriptions ' +
      '(pass allowUnknownEndpoint: true to send it anyway).',
  ],
  [
    'both input_files and requests',
    { ...inline, input_files: [FILE_ID] },
    {},
    'input_files',
    'Give either input_files or requests, not both.',
  ],
  [
    'neither input_files nor requests',
    base,
    {},
    'input_files',
    'Give input_files (uploaded file ids) or inline requests.',
  ],
  [
    'an empty input_files',
    { ...base, input_files: [] },
    {},
    'input_files',
    'input_files must not be empty.',
  ],
  ['an empty requests', { ...base, requests: [] }, {}, 'requests', 'requests must not be empty.'],
  [
    'input_files not a list',
    { ...base, input_files: FILE_ID },
    {},
    'input_files',
    'input_files must be a list.',
  ],
  [
    'a file id that is not a UUID',
    { ...base, input_files: [FILE_ID, 'file-abc'] },
    {},
    'input_files[1]',
    'input_files[1] must be a file id (a UUID).',
  ],
  [
    'more than 10,000 inline requests',
    { ...base, requests: many(10_001) },
    {},
    'requests',
    'requests has 10001 items but an inline job takes at most 10,000; upload them as a file instead.',
  ],
  [
    'a request that is not an object',
    { ...base, requests: [chatRequest(0), 'hi'] },
    {},
    'requests[1]',
    'requests[1] must be an object with an object `body`',
  ],
  [
    'a request without a body',
    { ...base, requests: [{ custom_id: 'a' }] },
    {},
    'requests[0].body',
    'requests[0] must be an object with an object `body`',
  ],
  [
    'a request whose body is a string',
    { ...base, requests: [{ body: '{}' }] },
    {},
    'requests[0].body',
    'requests[0] must be an object with an object `body`',
  ],
  [
    'a request whose body is a list',
    { ...base, requests: [{ body: [] }] },
    {},
    'requests[0].body',
    'requests[0] must be an object with an object `body`',
  ],
  [
    'a custom_id that is not a string',
    { ...base, requests: [{ custom_id: 7, body: {} }] },
    {},
    'requests[0].custom_id',
    'requests[0].custom_id must be a string',
  ],
  [
    'a repeated custom_id',
    { ...base, requests: [chatRequest(0), chatRequest(1), chatRequest(0)] },
    {},
    'requests[2].custom_id',
    'requests[2]: its custom_id "0" repeats requests[0].custom_id; custom ids must be unique',
  ],
  ['a model that is not a string', { ...inline, model: 3 }, {}, 'model', 'model must be a string.'],
  [
    'an agent_id that is not a string',
    { ...inline, agent_id: {} },
    {},
    'agent_id',
    'agent_id must be a string.',
  ],
  [
    'timeout_hours 0',
    { ...inline, timeout_hours: 0 },
    {},
    'timeout_hours',
    'timeout_hours must be a whole number of hours from 1 to 168.',
  ],
  [
    'timeout_hours 169',
    { ...inline, timeout_hours: 169 },
    {},
    'timeout_hours',
    'timeout_hours must be a whole number of hours from 1 to 168.',
  ],
  [
    'timeout_hours 1.5',
    { ...inline, timeout_hours: 1.5 },
    {},
    'timeout_hours',
    'timeout_hours must be a whole number of hours from 1 to 168.',
  ],
  [
    'timeout_hours as text',
    { ...inline, timeout_hours: '24' },
    {},
    'timeout_hours',
    'timeout_hours must be a whole number of hours from 1 to 168.',
  ],
  [
    'metadata that is a list',
    { ...inline, metadata: ['a'] },
    {},
    'metadata',
    'metadata must be an object of string values.',
  ],
  [
    'an empty metadata key',
    { ...inline, metadata: { '': 'x' } },
    {},
    'metadata',
    'metadata key "" has 0 characters; keys must have 1 to 32.',
  ],
  [
    'a metadata key of 33 characters',
    { ...inline, metadata: { ['k'.repeat(33)]: 'x' } },
    {},
    'metadata',
    `metadata key "${'k'.repeat(33)}" has 33 characters; keys must have 1 to 32.`,
  ],
  [
    'an empty metadata value',
    { ...inline, metadata: { team: '' } },
    {},
    'metadata.team',
    'metadata.team has 0 characters; values must have 1 to 512.',
  ],
  [
    'a metadata value of 513 characters',
    { ...inline, metadata: { team: 'v'.repeat(513) } },
    {},
    'metadata.team',
    'metadata.team has 513 characters; values must have 1 to 512.',
  ],
  [
    'a metadata value that is a number',
    { ...inline, metadata: { run: 1 } },
    {},
    'metadata.run',
    'metadata.run must be a string, not number.',
  ],
  [
    'an empty idempotency key',
    inline,
    { idempotencyKey: '' },
    'idempotencyKey',
    'idempotencyKey must be a string of 1 to 512 characters (it is stored as a metadata value).',
  ],
  [
    'an idempotency key of 513 characters',
    inline,
    { idempotencyKey: 'k'.repeat(513) },
    'idempotencyKey',
    'idempotencyKey must be a string of 1 to 512 characters (it is stored as a metadata value).',
  ],
  [
    'metadata already holding idempotency_key',
    { ...inline, metadata: { idempotency_key: 'mine' } },
    { idempotencyKey: 'k-1' },
    'metadata.idempotency_key',
    'metadata.idempotency_key is where idempotencyKey is stored; rename that entry or leave idempotencyKey out.',
  ],
  ['a request that is not an object', null, {}, 'request', 'The create request must be an object.'],
]

describe('create$ validation', () => {
  let env: BatchEmulator

  beforeAll(async () => {
    env = await startBatchEmulator()
  })
  afterAll(() => env.emulator.close())

  it.each(cases)('rejects %s before sending', async (_name, input, options, field, message) => {
    env.emulator.clearRequests()
    const failure = lastValueFrom(create$(env.ctx, input as CreateBatchJobInput, options))
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({ field, message })
    expect(env.emulator.requests).toHaveLength(0)
  })
})

describe('validateCreateRequest', () => {
  it('accepts the bounds: 10,000 requests, 1 and 168 hours, 32-character keys, 512-character values', () => {
    const edges: ReadonlyArray<CreateBatchJobInput> = [
      { ...base, requests: many(10_000) },
      { ...inline, timeout_hours: 1 },
      { ...inline, timeout_hours: 168 },
      { ...inline, metadata: { ['k'.repeat(32)]: 'v'.repeat(512) } },
      { ...base, input_files: [FILE_ID.toUpperCase()] },
    ]
    for (const input of edges) expect(E.isRight(validateCreateRequest(input))).toBe(true)
  })

  it('builds the body: a copy, timeout_hours 24 by default, null fields left out', () => {
    const input = { ...inline, agent_id: null, metadata: null }
    expect(validateCreateRequest(input)).toEqual(
      E.right({
        endpoint: '/v1/chat/completions',
        model: 'mistral-small-latest',
        requests: [chatRequest(0)],
        timeout_hours: 24,
      }),
    )
    const body = validateCreateRequest(input)
    expect(E.isRight(body) && body.right.requests?.[0]).not.toBe(inline.requests[0])
  })

  it('adds the idempotency key to the metadata, keeping the caller’s entries', () => {
    expect(
      validateCreateRequest(
        { ...base, input_files: [FILE_ID], metadata: { team: 'blue' }, timeout_hours: 3 },
        { idempotencyKey: 'run-42' },
      ),
    ).toEqual(
      E.right({
        ...base,
        input_files: [FILE_ID],
        metadata: { team: 'blue', idempotency_key: 'run-42' },
        timeout_hours: 3,
      }),
    )
  })

  it('lets any endpoint through with allowUnknownEndpoint', () => {
    expect(
      E.isRight(
        validateCreateRequest({ ...inline, endpoint: '/v2/new' }, { allowUnknownEndpoint: true }),
      ),
    ).toBe(true)
  })
})
