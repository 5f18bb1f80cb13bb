// Throughput and ETA measured from job snapshots over wall time.
import { ProgressRate, sameProgress } from '../../../src/cli/render/progressStats'
import { sampleJob } from '../support/sampleJob'

const snapshot = (status: string, completed: number, total = 100) => ({
  status,
  total_requests: total,
  completed_requests: completed,
  succeeded_requests: completed,
  failed_requests: 0,
})

describe('ProgressRate', () => {
  it('measures the rate from the first running snapshot, so queue time does not count', () => {
    let now = 0
    const rate = new ProgressRate(() => now)
    expect(rate.read(snapshot('QUEUED', 0, 0))).toMatchObject({ ratePerSecond: undefined })
    now = 10_000
    expect(rate.read(snapshot('RUNNING', 0))).toMatchObject({ ratePerSecond: undefined })
    now = 12_000
    expect(rate.read(snapshot('RUNNING', 40))).toMatchObject({ ratePerSecond: 20, etaSeconds: 3 })
  })

  it('counts from the first snapshot with progress when the job is first seen half done', () => {
    let now = 0
    const rate = new ProgressRate(() => now)
    rate.read(snapshot('RUNNING', 50))
    now = 5000
    expect(rate.read(snapshot('RUNNING', 75))).toMatchObject({ ratePerSecond: 5, etaSeconds: 5 })
  })

  it('reads a job itself as a snapshot', () => {
    const job = sampleJob({ status: 'RUNNING', total_requests: 10, completed_requests: 4 })
    expect(new ProgressRate(() => 0).read(job)).toMatchObject({
      status: 'RUNNING',
      total_requests: 10,
      completed_requests: 4,
    })
  })
})

describe('sameProgress', () => {
  it('holds for the same status and counters only', () => {
    const taken = snapshot('RUNNING', 4)
    expect({
      same: sameProgress(taken, { ...taken }),
      'another failed count': sameProgress(taken, { ...taken, failed_requests: 2 }),
      'another status': sameProgress(taken, { ...taken, status: 'SUCCESS' }),
    }).toEqual({ same: true, 'another failed count': false, 'another status': false })
  })
})
