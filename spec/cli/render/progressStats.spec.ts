// Throughput and ETA measured from job snapshots over wall time.
import { ProgressRate, sameProgress, snapshotOfJob } from '../../../src/cli/render/progressStats'
import { sampleJob } from '../support/sampleJob'

const snapshot = (status: string, completed: number, total = 100) => ({
  status,
  total,
  completed,
  succeeded: completed,
  failed: 0,
})

describe('ProgressRate', () => {
  it('measures the rate from the first running snapshot, so queue time does not count', () => {
    let now = 0
    const rate = new ProgressRate(() => now)
    expect(rate.read(snapshot('QUEUED', 0, 0))).toMatchObject({ ratePerSecond: undefined })
    now = 10_000
    expect(rate.read(snapshot('RUNNING', 0))).toMatchObject({ ratePerSecond: undefined })
    now = 12_000
    const reading = rate.read(snapshot('RUNNING', 40))
    expect(reading.ratePerSecond).toBe(20)
    expect(reading.etaSeconds).toBe(3)
  })

  it('counts from the first snapshot with progress when the job is first seen half done', () => {
    let now = 0
    const rate = new ProgressRate(() => now)
    rate.read(snapshot('RUNNING', 50))
    now = 5000
    expect(rate.read(snapshot('RUNNING', 75))).toMatchObject({ ratePerSecond: 5, etaSeconds: 5 })
  })
})

describe('snapshotOfJob and sameProgress', () => {
  it('take the status and counters of a job', () => {
    const job = sampleJob({
      status: 'RUNNING',
      total_requests: 10,
      completed_requests: 4,
      succeeded_requests: 3,
      failed_requests: 1,
    })
    const taken = snapshotOfJob(job)
    expect(taken).toEqual({ status: 'RUNNING', total: 10, completed: 4, succeeded: 3, failed: 1 })
    expect(sameProgress(taken, { ...taken })).toBe(true)
    expect(sameProgress(taken, { ...taken, failed: 2 })).toBe(false)
    expect(sameProgress(taken, { ...taken, status: 'SUCCESS' })).toBe(false)
  })
})
