// The typed builders: what they return at run time, and (checked by the typecheck, `tsc` over
// spec/) what their types accept and refuse; the `@ts-expect-error` lines fail it if they compile.
import {
  chatClassificationRequest,
  chatModerationRequest,
  chatRequest,
  classificationRequest,
  conversationRequest,
  embeddingRequest,
  fimRequest,
  moderationRequest,
  ocrRequest,
  transcriptionRequest,
  type TypedBatchRequest,
} from '../../src/batch/requestBuilders.js'
import type { BatchRequestInput } from '../../src/batch/createBatchJobInput.js'
import type { ListBatchJobsFilters } from '../../src/batch/listFilters.js'
import type { ApiEndpoint } from '../../src/codecs/ApiEndpoint.js'
import type { BatchJobStatus } from '../../src/codecs/BatchJobStatus.js'
import type { ChatCompletionRequest } from '../../src/codecs/requests/chat.js'
import type { RequestBodyOf } from '../../src/codecs/requests/requestBodies.js'
import { bodyCheck } from '../../src/jsonl/bodyCheck.js'

/** Compiles only when `A` and `B` are the same type. */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const typeIs = <T extends true>(): T => true as T

describe('the typed builders', () => {
  it('return the custom_id and the body as given, nothing added', () => {
    const body = { messages: [{ role: 'user' as const, content: 'Hi' }], max_tokens: 5 }
    const request = chatRequest('q1', body)
    expect(request).toEqual({ custom_id: 'q1', body })
    expect(request.body).toBe(body)
  })

  it('build a request of each endpoint that its check passes', () => {
    const requests: ReadonlyArray<[string, BatchRequestInput]> = [
      ['/v1/chat/completions', chatRequest('c', { messages: [{ role: 'user', content: 'Hi' }] })],
      ['/v1/fim/completions', fimRequest('f', { prompt: 'def add(a, b):', suffix: 'return c' })],
      ['/v1/embeddings', embeddingRequest('e', { input: ['a text', 'another'] })],
      ['/v1/moderations', moderationRequest('m', { input: 'a text' })],
      [
        '/v1/chat/moderations',
        chatModerationRequest('cm', { input: [{ role: 'user', content: 'Hi' }] }),
      ],
      ['/v1/classifications', classificationRequest('cl', { input: 'a text' })],
      [
        '/v1/chat/classifications',
        chatClassificationRequest('cc', { input: { messages: [{ role: 'user', content: 'Hi' }] } }),
      ],
      [
        '/v1/ocr',
        ocrRequest('o', {
          document: { type: 'document_url', document_url: 'https://example.com/a.pdf' },
        }),
      ],
      ['/v1/conversations', conversationRequest('t', { inputs: 'Hello' })],
      [
        '/v1/audio/transcriptions',
        transcriptionRequest('a', { file_url: 'https://example.com/a.mp3' }),
      ],
    ]
    for (const [endpoint, request] of requests) {
      expect(bodyCheck(endpoint, true)?.(request.body, 0, request.custom_id ?? undefined)).toBe(
        undefined,
      )
    }
    expect(requests).toHaveLength(10)
  })

  it('type the body as the endpoint request, so a mistake does not compile', () => {
    const typos = [
      // @ts-expect-error `robot` is no role
      chatRequest('a', { messages: [{ role: 'robot', content: 'Hi' }] }),
      // @ts-expect-error `messages` is required
      chatRequest('b', { prompt: 'Hi' }),
      // @ts-expect-error a misspelt field is an excess property
      chatRequest('c', { messages: [], temprature: 0.2 }),
      // @ts-expect-error max_tokens is a number
      chatRequest('d', { messages: [], max_tokens: '5' }),
      // @ts-expect-error a content chunk needs its text
      chatRequest('e', { messages: [{ role: 'user', content: [{ type: 'text' }] }] }),
      // @ts-expect-error embeddings take text, not numbers
      embeddingRequest('f', { input: [1, 2] }),
      // @ts-expect-error the OCR document is required
      ocrRequest('g', { pages: [0] }),
      // @ts-expect-error `reasoning_effort` is one of its values
      chatRequest('h', { messages: [], reasoning_effort: 'max' }),
    ]
    expect(typos).toHaveLength(8)
    // `model` may be left to the job
    const request: TypedBatchRequest<ChatCompletionRequest> = chatRequest('m', { messages: [] })
    expect(typeIs<Equal<RequestBodyOf<'/v1/chat/completions'>, ChatCompletionRequest>>()).toBe(true)
    expect(request.body).toEqual({ messages: [] })
  })
})

describe('the status and endpoint types', () => {
  it('name the known values, for completion, and stay open to new ones', () => {
    // the known literals are members of the type: an editor completes them
    expect(typeIs<Equal<Extract<BatchJobStatus, 'RUNNING'>, 'RUNNING'>>()).toBe(true)
    expect(typeIs<Equal<Extract<ApiEndpoint, '/v1/ocr'>, '/v1/ocr'>>()).toBe(true)
    type StatusFilter = NonNullable<ListBatchJobsFilters['status']>[number]
    expect(typeIs<Equal<StatusFilter, BatchJobStatus>>()).toBe(true)
    // open at run time and in types: a typo compiles (list$ refuses it at run time)
    const filters: ListBatchJobsFilters = { status: ['RUNNING', 'RUNNNING'] }
    expect(filters.status).toHaveLength(2)
  })
})
