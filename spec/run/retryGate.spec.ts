// The retry gate: which lines of a round are final, which requests go again, the summary per request.
import * as E from 'fp-ts/Either'
import type { ResultLine } from '../../src/batch/resultLine'
import { isRetryableResult } from '../../src/codecs/isRetryableResult'
import type { ResultEvent, RunSummary } from '../../src/run/BatchEvent'
import { RetryGate } from '../../src/run/retryGate'

const result = (customId: string, status: number, attempt: number, index: number): ResultEvent => ({
  type: 'result',
  shard: 0,
  jobId: `job-${attempt}`,
  attempt,
  custom_id: customId,
  index,
  match: 'first',
  result: E.right({
    custom_id: customId,
    response: { status_code: status, body: {} },
    error: null,
    source: 'output',
    fileId: null,
    lineNumber: 1,
    failed: status !== 200,
  } as ResultLine),
})

const roundSummary = (total: number, missing: string[] = []): RunSummary => ({
  usage: {
    total: {
      requests: 0,
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      pages_processed: 0,
    },
    byModel: {},
  },
  total,
  received: total - missing.length,
  succeeded: 0,
  failed: 0,
  unreadable: 0,
  missing,
  unexpected: [],
  duplicates: [],
  idsKnown: true,
})

const INPUT = ['a', 'b', 'c', 'd']
const gateOf = (maxAttempts: number) =>
  new RetryGate({ maxAttempts, when: isRetryableResult }, (id) => {
    const index = INPUT.indexOf(id)
    return index < 0 ? undefined : index
  })

describe('RetryGate', () => {
  it('holds back a retryable failure, passes the rest, and sends the held and missing again in input order', () => {
    const gate = gateOf(2)
    expect(gate.pass(result('c', 503, 1, 2), 1)).toBeUndefined()
    expect(gate.pass(result('a', 200, 1, 0), 1)).toMatchObject({ custom_id: 'a' })
    expect(gate.pass(result('b', 422, 1, 1), 1)).toMatchObject({ custom_id: 'b' })
    const { resend, settled } = gate.endRound(1, roundSummary(4, ['d']))
    expect({ resend, settled }).toEqual({ resend: ['c', 'd'], settled: [] })
  })

  it("gives a later round's line its input index, not its place in the round", () => {
    const gate = gateOf(2)
    gate.pass(result('d', 500, 1, 3), 1)
    gate.endRound(1, roundSummary(4))
    expect(gate.pass(result('d', 200, 2, 0), 2)).toMatchObject({
      custom_id: 'd',
      index: 3,
      attempt: 2,
    })
  })

  it('at the last attempt, passes a failure and settles a request without a line on its held one', () => {
    const gate = gateOf(2)
    gate.pass(result('a', 429, 1, 0), 1)
    gate.pass(result('b', 503, 1, 1), 1)
    gate.endRound(1, roundSummary(4, ['c']))
    gate.resent(2, 3)
    expect(gate.pass(result('a', 429, 2, 0), 2)).toMatchObject({ custom_id: 'a', attempt: 2 })
    // b and c got no line in their last attempt: b keeps its first one, c stays missing
    const { resend, settled } = gate.endRound(2, roundSummary(3, ['b', 'c']))
    expect(resend).toEqual([])
    expect(settled.map((event) => [event.custom_id, event.attempt])).toEqual([['b', 1]])
    expect(gate.summary()).toMatchObject({
      total: 4,
      succeeded: 0,
      failed: 2,
      missing: ['c'],
      retried: 3,
      attempts: 7,
    })
  })

  it('settles the requests that could not be read back on what they got', () => {
    const gate = gateOf(3)
    gate.pass(result('b', 500, 1, 1), 1)
    gate.endRound(1, roundSummary(4, ['a']))
    expect(gate.notResent(['a', 'b']).map((event) => event.custom_id)).toEqual(['b'])
    expect(gate.summary()).toMatchObject({ failed: 1, missing: ['a'] })
  })
})
