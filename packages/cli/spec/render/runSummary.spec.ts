// The summary of a finished run, and when a run counts as a success.
import type { LineSink } from '../../src/output/lineSinks'
import { formatRunSummary, runSucceeded } from '../../src/render/runSummary'
import type { RunSummary } from '../../../../src'
import { sampleJob } from '../support/sampleJob'

const sink = (name: string, lines: number): LineSink => ({
  name,
  lines,
  writeLine: () => undefined,
  close: () => Promise.resolve(),
})

const noUsage = {
  requests: 0,
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
  pages_processed: 0,
}

const summary = (overrides: Partial<RunSummary> = {}): RunSummary => ({
  usage: { total: noUsage, byModel: {} },
  total: 10,
  received: 10,
  succeeded: 10,
  failed: 0,
  unreadable: 0,
  missing: [],
  unexpected: [],
  duplicates: [],
  idsKnown: true,
  ...overrides,
})

const done = sampleJob({ status: 'SUCCESS', completed_requests: 10, succeeded_requests: 10 })

describe('formatRunSummary', () => {
  it('reports the job, the counts and where the results went', () => {
    expect(
      formatRunSummary([done], summary(), {
        outputs: sink('out.jsonl', 10),
        errors: sink('err.jsonl', 0),
      }),
    ).toEqual([
      `Job ${done.id} SUCCESS: 10 succeeded, 0 failed of 10`,
      '10 requests: 10 succeeded, 0 failed, 0 missing',
      'Results: 10 lines in out.jsonl',
    ])
  })

  it('adds the tokens, model by model, and the estimated cost after where the results went', () => {
    const small = {
      ...noUsage,
      requests: 8,
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
    }
    const ocr = { ...noUsage, requests: 2, pages_processed: 7 }
    const lines = formatRunSummary(
      [done],
      summary({
        usage: {
          total: { ...small, requests: 10, pages_processed: 7 },
          byModel: { 'mistral-small-latest': small, 'mistral-ocr-latest': ocr },
        },
        estimatedCost: {
          total: 0.00021,
          byModel: { 'mistral-small-latest': 0.00021 },
          unpriced: ['mistral-ocr-latest'],
          batchDiscount: 0.5,
        },
      }),
      { outputs: sink('out.jsonl', 10), errors: sink('err.jsonl', 0) },
    )
    expect(lines.slice(2)).toEqual([
      'Results: 10 lines in out.jsonl',
      'Usage: 1,200 prompt + 300 completion = 1,500 tokens, 7 pages (10 requests)',
      '  mistral-small-latest: 1,200 prompt + 300 completion = 1,500 tokens (8 requests)',
      '  mistral-ocr-latest: 0 prompt + 0 completion = 0 tokens, 7 pages (2 requests)',
      'Estimated cost: 0.00021 at the batch rate (50% off the prices given, in their unit)',
      'Not priced (no cost counted): mistral-ocr-latest',
    ])
  })

  it('lists missing, unexpected and duplicate custom_ids, capped at ten', () => {
    const missing = Array.from({ length: 12 }, (_, i) => `m${i}`)
    const lines = formatRunSummary(
      [done],
      summary({
        succeeded: 0,
        failed: 1,
        missing,
        unexpected: [null, 'x'],
        duplicates: ['d'],
        unreadable: 1,
      }),
      { outputs: sink('out.jsonl', 0), errors: sink('err.jsonl', 1) },
    )
    expect(lines).toContain('Errors: 1 line in err.jsonl')
    expect(lines).toContain(
      'Missing: no result for custom_id m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, and 2 more',
    )
    expect(lines).toContain('Unexpected: results for custom_ids never sent: (none), x')
    expect(lines).toContain('Duplicates: more than one result for d')
    expect(lines).toContain('Unreadable: 1 result line could not be read')
  })

  it('without the sent ids (resume) counts the missing requests, in the words run uses', () => {
    const lines = formatRunSummary([done], summary({ succeeded: 6, failed: 1, idsKnown: false }), {
      outputs: sink('o', 6),
      errors: sink('e', 1),
    })
    expect(lines).toContain('10 requests: 6 succeeded, 1 failed, 3 missing')
  })

  it('with retries, counts the requests sent again and those sent in all', () => {
    const lines = formatRunSummary([done], summary({ retried: 3, attempts: 14 }), {
      outputs: sink('o', 10),
      errors: sink('e', 0),
    })
    expect(lines).toContain('Retried: 3 requests, 14 requests sent in all')
  })
})

describe('runSucceeded', () => {
  it('holds only when every job succeeded and every request got a successful result', () => {
    expect({
      'all succeeded': runSucceeded([done], summary()),
      'a job cancelled': runSucceeded([sampleJob({ status: 'CANCELLED' })], summary()),
      'a request failed': runSucceeded([done], summary({ succeeded: 9, failed: 1 })),
      'a result missing': runSucceeded([done], summary({ succeeded: 9, missing: ['7'] })),
      'fewer results, ids unknown': runSucceeded(
        [done],
        summary({ succeeded: 6, idsKnown: false }),
      ),
      // with retries a first round's job may have failed: its requests went again
      'a first round timed out, all retried': runSucceeded(
        [sampleJob({ status: 'TIMEOUT_EXCEEDED' }), done],
        summary({ retried: 4, attempts: 14 }),
      ),
      'retried, one still failed': runSucceeded(
        [done],
        summary({ succeeded: 9, failed: 1, retried: 1, attempts: 11 }),
      ),
    }).toEqual({
      'all succeeded': true,
      'a job cancelled': false,
      'a request failed': false,
      'a result missing': false,
      'fewer results, ids unknown': false,
      'a first round timed out, all retried': true,
      'retried, one still failed': false,
    })
  })
})
