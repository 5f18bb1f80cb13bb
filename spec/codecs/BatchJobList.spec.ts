import { BatchJobList } from '../../src/codecs/BatchJobList.js'
import { DeletedBatchJob } from '../../src/codecs/DeletedBatchJob.js'
import job from '../fixtures/batch-job.json'
import { decodeLeft, decodeRight } from './decodeResult.js'

describe('BatchJobList', () => {
  it('decodes a page of jobs', () => {
    const page = decodeRight(BatchJobList, { data: [job], object: 'list', total: 1 })
    expect(page.data.map((j) => j.id)).toEqual([job.id])
    expect(page.total).toBe(1)
  })

  it('gives data the spec default [] when the server leaves it out', () => {
    expect(decodeRight(BatchJobList, { total: 0 })).toEqual({ data: [], total: 0 })
  })

  it('reports a bad job inside the page by its index and field', () => {
    const error = decodeLeft(BatchJobList, { data: [job, { ...job, status: null }], total: 2 })
    expect(error.paths).toEqual(['data.1.status: expected BatchJobStatus, got null'])
  })
})

describe('DeletedBatchJob', () => {
  it('decodes the documented body and one with only the id', () => {
    const body = { id: job.id, object: 'batch', deleted: true }
    expect(decodeRight(DeletedBatchJob, body)).toEqual(body)
    expect(decodeRight(DeletedBatchJob, { id: job.id })).toEqual({ id: job.id })
  })

  it('reports a missing id', () => {
    expect(decodeLeft(DeletedBatchJob, { deleted: true }).paths).toEqual([
      'id: expected string, got undefined',
    ])
  })
})
