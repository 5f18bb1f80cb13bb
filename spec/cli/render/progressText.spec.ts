// Progress as text: the live bar's line at any terminal width (the bar gives way, the facts stay),
// and the plain line printed off a terminal.
import { formatProgressBar, formatProgressLine } from '../../../src/cli/render/progressText'
import type { ProgressReading } from '../../../src/cli/render/progressStats'

const reading = (overrides: Partial<ProgressReading> = {}): ProgressReading => ({
  status: 'RUNNING',
  total_requests: 3000,
  completed_requests: 1350,
  succeeded_requests: 1349,
  failed_requests: 1,
  ratePerSecond: 45,
  etaSeconds: 36.7,
  ...overrides,
})

/** Before the server has counted the requests. */
const queued = reading({
  status: 'QUEUED',
  total_requests: 0,
  completed_requests: 0,
  succeeded_requests: 0,
  failed_requests: 0,
  ratePerSecond: undefined,
  etaSeconds: undefined,
})

const FACTS = ['1350/3000', 'ok 1349', 'failed 1', '45.0/s', 'ETA 37s', 'RUNNING']

describe('formatProgressBar', () => {
  it('on a wide terminal: a 24-character bar and the facts between bars', () => {
    expect(formatProgressBar(reading(), 160)).toBe(
      `${'█'.repeat(11)}${'░'.repeat(13)} 45% | 1350/3000 | ok 1349 | failed 1 | 45.0/s | ETA 37s | RUNNING`,
    )
  })

  it.each([100, 80, 60, 54])(
    'at %i columns: fits in one column less, with every fact',
    (columns) => {
      const line = formatProgressBar(reading(), columns)
      // what stands beyond the last column but one: nothing
      expect(line.slice(columns - 1)).toBe('')
      expect(FACTS.filter((fact) => !line.includes(fact))).toEqual([])
    },
  )

  it('shrinks the bar before it drops the separators, and drops the bar last', () => {
    expect(formatProgressBar(reading(), 80)).toMatch(/^[█░]{5,23} 45% \| 1350\/3000 \|/)
    expect(formatProgressBar(reading(), 60)).toMatch(/^[█░]{5,} 45% 1350\/3000 ok 1349/)
    expect(formatProgressBar(reading(), 50)).toBe(
      '45% 1350/3000 ok 1349 failed 1 45.0/s ETA 37s RUNNING',
    )
  })

  it('before the server has counted the requests: 0%, no ETA', () => {
    expect(formatProgressBar(queued, 160)).toBe(
      `${'░'.repeat(24)} 0% | 0/0 | ok 0 | failed 0 | -/s | ETA - | QUEUED`,
    )
  })
})

describe('formatProgressLine', () => {
  it('shows status, done/total with percent, counters, rate and ETA', () => {
    expect(formatProgressLine(reading({ ratePerSecond: 40.1, etaSeconds: 20 }))).toBe(
      'RUNNING 1350/3000 (45%) succeeded 1349 failed 1 40.1/s ETA 20s',
    )
  })

  it('leaves out what is not known yet, and the ETA once done', () => {
    expect(formatProgressLine(queued)).toBe('QUEUED 0/0 succeeded 0 failed 0')
    const done = { status: 'SUCCESS', completed_requests: 3000, succeeded_requests: 2999 }
    expect(formatProgressLine(reading({ ...done, ratePerSecond: 50, etaSeconds: 0 }))).toBe(
      'SUCCESS 3000/3000 (100%) succeeded 2999 failed 1 50.0/s',
    )
  })
})
