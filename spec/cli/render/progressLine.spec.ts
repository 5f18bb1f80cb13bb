// The plain progress line printed off a terminal.
import { formatProgressLine } from '../../../src/cli/render/progressLine'

const reading = { status: 'RUNNING', total: 2000, completed: 1200, succeeded: 1195, failed: 5 }

describe('formatProgressLine', () => {
  it('shows status, done/total with percent, counters, rate and ETA', () => {
    expect(formatProgressLine({ ...reading, ratePerSecond: 40.1, etaSeconds: 20 })).toBe(
      'RUNNING 1200/2000 (60%) succeeded 1195 failed 5 40.1/s ETA 20s',
    )
  })

  it('leaves out what is not known yet, and the ETA once done', () => {
    expect(
      formatProgressLine({
        status: 'QUEUED',
        total: 0,
        completed: 0,
        succeeded: 0,
        failed: 0,
        ratePerSecond: undefined,
        etaSeconds: undefined,
      }),
    ).toBe('QUEUED 0/0 succeeded 0 failed 0')
    expect(
      formatProgressLine({
        ...reading,
        status: 'SUCCESS',
        completed: 2000,
        succeeded: 1995,
        ratePerSecond: 50,
        etaSeconds: 0,
      }),
    ).toBe('SUCCESS 2000/2000 (100%) succeeded 1995 failed 5 50.0/s')
  })
})
