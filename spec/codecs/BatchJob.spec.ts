import { BatchJob } from '../../src/codecs/BatchJob.js'
import job from '../fixtures/batch-job.json'
import { decodeLeft, decodeRight } from './decodeResult.js'

const queued = {
  id: 'b1d3a0c6-5f1e-4a7b-9c2d-8e4f6a1b3c5d',
  input_files: ['7c2e9f4a-1b3d-4e5f-8a6b-9c0d1e2f3a4b'],
  endpoint: '/v1/chat/completions',
  errors: [],
  status: 'QUEUED',
  created_at: 1761577800,
  total_requests: 0,
  completed_requests: 0,
  succeeded_requests: 0,
  failed_requests: 0,
}

describe('BatchJob', () => {
  it('decodes a realistic finished job, every field kept', () => {
    const decoded = decodeRight(BatchJob, job)
    expect(decoded).toEqual({ ...job, errors: [{ message: job.errors[0]?.message, count: 2 }] })
    expect(decoded.metadata).toEqual({ job_type: 'nightly-eval', owner: 'data-team' })
  })

  it('decodes a fresh job with only the required fields', () => {
    const decoded = decodeRight(BatchJob, queued)
    expect(decoded.status).toBe('QUEUED')
    expect('model' in decoded).toBe(false)
  })

  it('tells null from missing in optional fields', () => {
    const decoded = decodeRight(BatchJob, { ...queued, model: null, started_at: null })
    expect(decoded.model).toBeNull()
    expect(decoded.started_at).toBeNull()
    expect(decoded.completed_at).toBeUndefined()
  })

  it('keeps unknown extra keys', () => {
    const decoded = decodeRight(BatchJob, { ...queued, priority: 'high', nested: { a: 1 } })
    expect(decoded).toMatchObject({ priority: 'high', nested: { a: 1 } })
  })

  it('decodes an unknown status and an unknown endpoint', () => {
    const decoded = decodeRight(BatchJob, {
      ...queued,
      status: 'PAUSED',
      endpoint: '/v1/agents/completions',
    })
    expect(decoded.status).toBe('PAUSED')
    expect(decoded.endpoint).toBe('/v1/agents/completions')
  })

  it('fills an error count the server left out with the spec default 1', () => {
    const decoded = decodeRight(BatchJob, { ...queued, errors: [{ message: 'no valid line' }] })
    expect(decoded.errors).toEqual([{ message: 'no valid line', count: 1 }])
  })

  it('keeps inline outputs as plain objects, even ones that would not fit BatchResult', () => {
    const outputs = [{ custom_id: '0', response: { status_code: 200, body: {} } }, { odd: true }]
    expect(decodeRight(BatchJob, { ...queued, outputs }).outputs).toEqual(outputs)
  })

  it('reports wrong types and missing fields by path', () => {
    const { total_requests: _dropped, ...noTotal } = queued
    const error = decodeLeft(BatchJob, {
      ...noTotal,
      status: 42,
      created_at: '2025-10-27',
      metadata: 'x',
      input_files: ['ok', 3],
    })
    expect(error.message).toContain('Response did not match BatchJob: ')
    expect(error.paths).toEqual(
      expect.arrayContaining([
        'status: expected BatchJobStatus, got 42',
        'created_at: expected number, got "2025-10-27"',
        'total_requests: expected number, got undefined',
        'metadata: expected (UnknownRecord | null), got "x"',
        'input_files.1: expected string, got 3',
      ]),
    )
  })
})
