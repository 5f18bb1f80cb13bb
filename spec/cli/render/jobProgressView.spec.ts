// The progress view: plain lines off a terminal, a cli-progress bar on one.
import { createProgressView } from '../../../src/cli/render/jobProgressView'
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
