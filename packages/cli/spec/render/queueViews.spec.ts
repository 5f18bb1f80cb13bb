// A queue on screen: its counts as fields, and each thing a worker did as one line.
import { HttpError } from '../../../../src'
import { formatQueueEvent, formatQueueStats } from '../../src/render/queueViews'

const JOB = '0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f'

describe('formatQueueStats', () => {
  it('lines up the counts under the queue and its database', () => {
    const stats = {
      pending: 5,
      inJob: 100,
      done: 895,
      delivered: 800,
      failed: 3,
      cancelled: 1,
      redeliveries: 2,
      retries: 7,
      jobs: { open: 1, ended: 9 },
    }
    expect(formatQueueStats('reviews', 'PGlite in q', stats)).toEqual([
      'queue:    reviews (PGlite in q)',
      'requests: 5 pending, 100 in a job, 895 done, 1 cancelled',
      'results:  800 of 895 delivered, 3 failed, 2 handed out again',
      "retries:  7 (attempts beyond each request's first)",
      'jobs:     1 open, 9 ended',
    ])
  })
})

describe('formatQueueEvent', () => {
  const inOneLine = (error: unknown) => (error instanceof Error ? error.message : String(error))

  it('says which job was created for how many requests, and if it was taken over', () => {
    const created = { type: 'created', batchId: JOB, requests: 1, adopted: false } as const
    expect(formatQueueEvent(created, inOneLine)).toBe(`Created job ${JOB}: 1 request`)
    expect(formatQueueEvent({ ...created, requests: 20, adopted: true }, inOneLine)).toBe(
      `Created job ${JOB}: 20 requests (taken over from a worker that stopped)`,
    )
  })

  it('says what collecting a job stored, and how many had no line', () => {
    const collected = {
      type: 'collected',
      batchId: JOB,
      status: 'SUCCESS',
      stored: 98,
      requeued: 2,
      missing: 0,
    } as const
    expect(formatQueueEvent(collected, inOneLine)).toBe(
      `Collected job ${JOB} SUCCESS: 98 results stored, 2 queued again`,
    )
    expect(
      formatQueueEvent({ ...collected, status: 'TIMEOUT_EXCEEDED', missing: 4 }, inOneLine),
    ).toBe(
      `Collected job ${JOB} TIMEOUT_EXCEEDED: 98 results stored (4 with no result line), 2 queued again`,
    )
  })

  it('says a failed step will be tried again, with its error in one line', () => {
    const error = new HttpError({
      status: 503,
      method: 'POST',
      url: 'https://api.mistral.ai/v1/batch/jobs',
    })
    expect(formatQueueEvent({ type: 'retrying', batchId: null, error }, inOneLine)).toBe(
      `Creating a job: ${error.message} (trying again)`,
    )
    expect(formatQueueEvent({ type: 'retrying', batchId: JOB, error }, inOneLine)).toBe(
      `Job ${JOB}: ${error.message} (trying again)`,
    )
  })
})
