// Job progress: rate and ETA over wall time, the bar's line at any width and the plain line, and
// the view that shows them (plain lines off a terminal, a cli-progress bar on one).
import {
  createProgressView,
  formatProgressBar,
  formatProgressLine,
  ProgressRate,
  sameProgress,
  type ProgressReading,
} from '../../src/render/jobProgressView'
import { sampleJob } from '../support/sampleJob'
import { CapturedOutput } from '../support/captureOutput'

const snapshot = (status: string, completed: number, total = 100) => ({
  status,
  total_requests: total,
  completed_requests: completed,
  succeeded_requests: completed,
  failed_requests: 0,
})

describe('createProgressView', () => {
  it('off a terminal, prints one plain line per change and notes as they come', () => {
    const out = new CapturedOutput(false)
    let now = 0
    const view = createProgressView(out, () => now)
    view.note('Created job j')
    view.update(snapshot('RUNNING', 0))
    view.update(snapshot('RUNNING', 0))
    now = 2000
    view.update(snapshot('RUNNING', 50))
    view.stop()
    expect(out.text).toBe(
      'Created job j\n' +
        'RUNNING 0/100 (0%) succeeded 0 failed 0\n' +
        'RUNNING 50/100 (50%) succeeded 50 failed 0 25.0/s ETA 2s\n',
    )
  })

  it('on a terminal, draws a cli-progress bar with the counters, rate, ETA and status', () => {
    const out = new CapturedOutput(true)
    let now = 0
    const view = createProgressView(out, () => now)
    view.update(snapshot('RUNNING', 0))
    now = 4000
    view.update(snapshot('RUNNING', 40))
    view.stop()
    // the last frame, after the cursor moves of the bar
    const frames = out.text.split('\u001b[1G')
    const last = frames.filter((frame) => frame.includes('%')).pop() ?? ''
    expect(last).toContain('40% | 40/100 | ok 40 | failed 0 | 10.0/s | ETA 6s | RUNNING')
  })

  it('in a 60-column terminal, every frame fits and still shows the ETA and status', () => {
    const out = new CapturedOutput(true, 60)
    let now = 0
    const view = createProgressView(out, () => now)
    view.update(snapshot('RUNNING', 0, 3000))
    now = 30_000
    view.update(snapshot('RUNNING', 1350, 3000))
    view.stop()
    // eslint-disable-next-line no-control-regex
    const frames = out.text.split(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]|\n/).filter((f) => f !== '')
    const last = frames.filter((frame) => frame.includes('%')).pop() ?? ''
    expect(last).toContain('1350/3000 ok 1350 failed 0 45.0/s ETA 37s RUNNING')
    expect(frames.filter((frame) => frame.length > 59)).toEqual([])
  })
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
