// The jobs table row and the detailed view of one job.
import { formatJobDetail, formatJobTable } from '../../../src/cli/render/jobViews'
import { sampleJob } from '../support/sampleJob'

describe('jobViews', () => {
  it('a job row shows id, status, endpoint, model, done/total, counters and creation time', () => {
    const [header, row] = formatJobTable([sampleJob({ created_at: 1_785_585_600 })])
    expect(header).toBe(
      'ID                                    STATUS   ENDPOINT              MODEL                 DONE  SUCCEEDED  FAILED  CREATED',
    )
    expect(row).toBe(
      '0b5f5a43-8a5e-4d5b-9f5c-2a3c8f6e1d10  RUNNING  /v1/chat/completions  mistral-small-latest  4/10          4       0  2026-08-01 12:00:00Z',
    )
  })

  it('the detail lists every field, inline input, metadata and errors', () => {
    const lines = formatJobDetail(
      sampleJob({
        input_files: [],
        metadata: { team: 'cli' },
        errors: [{ message: 'bad line', count: 2 }],
      }),
    )
    expect(lines).toContain('input files: - (inline)')
    expect(lines).toContain('metadata:    {"team":"cli"}')
    expect(lines).toContain('error:       bad line (x2)')
    expect(lines).toContain('completed:   -')
  })
})
