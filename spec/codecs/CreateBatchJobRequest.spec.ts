import { BatchRequest } from '../../src/codecs/BatchRequest.js'
import { CreateBatchJobRequest } from '../../src/codecs/CreateBatchJobRequest.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

const chatBody = {
  max_tokens: 100,
  messages: [{ role: 'user', content: 'What is the best French cheese?' }],
}

describe('BatchRequest', () => {
  it('decodes the documented input line, and one without custom_id', () => {
    const line = { custom_id: '0', body: chatBody }
    expect(decodeRight(BatchRequest, line)).toEqual(line)
    expect(decodeRight(BatchRequest, { body: chatBody })).toEqual({ body: chatBody })
  })

  it('reports a body that is not an object', () => {
    expect(decodeLeft(BatchRequest, { custom_id: '0', body: 'hi' }).paths).toEqual([
      'body: expected UnknownRecord, got "hi"',
    ])
  })
})

describe('CreateBatchJobRequest', () => {
  it('decodes a file job and an inline job', () => {
    const fromFiles = {
      input_files: ['7c2e9f4a-1b3d-4e5f-8a6b-9c0d1e2f3a4b'],
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      metadata: { job_type: 'nightly' },
      timeout_hours: 24,
    }
    const inline = { requests: [{ custom_id: '0', body: chatBody }], endpoint: '/v1/embeddings' }
    expect(decodeRight(CreateBatchJobRequest, fromFiles)).toEqual(fromFiles)
    expect(decodeRight(CreateBatchJobRequest, inline)).toEqual(inline)
  })

  it('reports a missing endpoint and a non-string metadata value', () => {
    const error = decodeLeft(CreateBatchJobRequest, { input_files: [], metadata: { n: 1 } })
    expect(error.paths).toEqual([
      'endpoint: expected ApiEndpoint, got undefined',
      'metadata.n: expected string, got 1',
    ])
  })
})
