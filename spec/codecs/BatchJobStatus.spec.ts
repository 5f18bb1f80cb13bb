import {
  BATCH_JOB_STATUSES,
  BatchJobStatus,
  TERMINAL_STATUSES,
  isTerminalStatus,
} from '../../src/codecs/BatchJobStatus.js'
import { decodeRight } from './decodeResult.js'

describe('BatchJobStatus', () => {
  it('knows every documented status', () => {
    expect(BATCH_JOB_STATUSES).toEqual([
      'QUEUED',
      'RUNNING',
      'SUCCESS',
      'FAILED',
      'TIMEOUT_EXCEEDED',
      'CANCELLATION_REQUESTED',
      'CANCELLED',
    ])
    expect(BatchJobStatus.values).toBe(BATCH_JOB_STATUSES)
  })

  it('decodes a status it does not know', () => {
    expect(decodeRight(BatchJobStatus, 'PAUSED')).toBe('PAUSED')
  })

  it('calls exactly the four end states terminal, and unknown ones not', () => {
    expect(BATCH_JOB_STATUSES.filter(isTerminalStatus)).toEqual([...TERMINAL_STATUSES])
    expect(TERMINAL_STATUSES).toEqual(['SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', 'CANCELLED'])
    expect(isTerminalStatus('CANCELLATION_REQUESTED')).toBe(false)
    expect(isTerminalStatus('PAUSED')).toBe(false)
  })
})
