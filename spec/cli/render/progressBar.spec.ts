// The live bar's line at any terminal width: the bar gives way, the facts stay.
import { formatProgressBar } from '../../../src/cli/render/progressBar'

const reading = {
  status: 'RUNNING',
  total: 3000,
  completed: 1350,
  succeeded: 1349,
  failed: 1,
  ratePerSecond: 45,
  etaSeconds: 36.7,
}

const FACTS = ['1350/3000', 'ok 1349', 'failed 1', '45.0/s', 'ETA 37s', 'RUNNING']

describe('formatProgressBar', () => {
  it('on a wide terminal: a 24-character bar and the facts between bars', () => {
    expect(formatProgressBar(reading, 160)).toBe(
      `${'█'.repeat(11)}${'░'.repeat(13)} 45% | 1350/3000 | ok 1349 | failed 1 | 45.0/s | ETA 37s | RUNNING`,
    )
  })

  it.each([100, 80, 60, 54])(
    'at %i columns: fits in one column less, with every fact',
    (columns) => {
      const line = formatProgressBar(reading, columns)
      expect({ length: line.length <= columns - 1, line }).toEqual({ length: true, line })
      for (const fact of FACTS) expect(line).toContain(fact)
    },
  )

  it('shrinks the bar before it drops the separators, and drops the bar last', () => {
    expect(formatProgressBar(reading, 80)).toMatch(/^[█░]{5,23} 45% \| 1350\/3000 \|/)
    expect(formatProgressBar(reading, 60)).toMatch(/^[█░]{5,} 45% 1350\/3000 ok 1349/)
    expect(formatProgressBar(reading, 50)).toBe(
      '45% 1350/3000 ok 1349 failed 1 45.0/s ETA 37s RUNNING',
    )
  })

  it('before the server has counted the requests: 0%, no ETA', () => {
    expect(
      formatProgressBar(
        {
          ...reading,
          status: 'QUEUED',
          total: 0,
          completed: 0,
          succeeded: 0,
          failed: 0,
          ratePerSecond: undefined,
          etaSeconds: undefined,
        },
        160,
      ),
    ).toBe(`${'░'.repeat(24)} 0% | 0/0 | ok 0 | failed 0 | -/s | ETA - | QUEUED`)
  })
})
