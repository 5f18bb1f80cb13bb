// The jobs and files tables, and the detailed view of one job or file.
import type { FileObject } from '../../../../src'
import { formatFileDetail, formatFileTable } from '../../src/render/resourceViews'
import { formatJobDetail, formatJobTable } from '../../src/render/resourceViews'
import { sampleJob } from '../support/sampleJob'

describe('job views', () => {
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

describe('file views', () => {
  const file = (overrides: Partial<FileObject> = {}): FileObject => ({
    id: '7f3c2a1b-4d5e-4f60-8a9b-0c1d2e3f4a5b',
    object: 'file',
    bytes: 1536,
    created_at: 1_785_585_600,
    filename: 'requests.jsonl',
    purpose: 'batch',
    sample_type: 'batch_request',
    source: 'upload',
    ...overrides,
  })

  it('the table aligns each column to its widest cell, sizes and counts to the right', () => {
    expect(formatFileTable([file({ num_lines: 12 }), file({ id: 'f2', bytes: 10 })])).toEqual([
      'ID                                    FILENAME        PURPOSE  TYPE             SIZE  LINES  CREATED',
      '7f3c2a1b-4d5e-4f60-8a9b-0c1d2e3f4a5b  requests.jsonl  batch    batch_request  1.5 KB     12  2026-08-01 12:00:00Z',
      'f2                                    requests.jsonl  batch    batch_request    10 B      -  2026-08-01 12:00:00Z',
    ])
  })

  it('the table of no files is its header alone', () => {
    expect(formatFileTable([])).toEqual(['ID  FILENAME  PURPOSE  TYPE  SIZE  LINES  CREATED'])
  })

  it('the detail lines the values up, a dash for what is not there', () => {
    expect(formatFileDetail(file({ num_lines: 0 }))).toEqual([
      'id:       7f3c2a1b-4d5e-4f60-8a9b-0c1d2e3f4a5b',
      'filename: requests.jsonl',
      'purpose:  batch',
      'type:     batch_request',
      'source:   upload',
      'size:     1.5 KB (1536 bytes)',
      'lines:    0',
      'mimetype: -',
      'created:  2026-08-01 12:00:00Z',
      'expires:  -',
    ])
  })
})
