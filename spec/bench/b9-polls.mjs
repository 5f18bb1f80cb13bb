// B9 (issue 16): how often watchJob$ polls, and how late it sees the end, for a job that runs an
// hour with steadily rising counters and for one that stalls and then finishes at once. In
// virtual time (rxjs VirtualTimeScheduler on the client's config), through the public client:
// its fetch answers each GET with the job as it stands at that virtual moment.
//
//   node spec/bench/b9-polls.mjs [--quick]
import { setImmediate } from 'node:timers'
import { lastValueFrom, VirtualTimeScheduler } from 'rxjs'
import { lib } from './support/env.mjs'
import { benchMain, ratio, valueRow } from './support/report.mjs'

const { createClient } = lib('index.js')

const HOUR = 3_600_000
const QUEUED_MS = 60_000
const JOB_ID = '4b3a4f0e-6f0e-4e0e-9d3a-1c2b3a4f5e6d'

const snapshot = (status, total, completed) => ({
  id: JOB_ID,
  object: 'batch',
  input_files: [],
  endpoint: '/v1/chat/completions',
  errors: [],
  status,
  created_at: 1_700_000_000,
  total_requests: total,
  completed_requests: completed,
  succeeded_requests: completed,
  failed_requests: 0,
})

/** A job QUEUED for a minute, RUNNING until the hour with `completedAt(now)` done, then SUCCESS. */
const hourJob = (completedAt) => (now) =>
  now < QUEUED_MS
    ? snapshot('QUEUED', 0, 0)
    : now < HOUR
      ? snapshot('RUNNING', 10_000, completedAt(now))
      : snapshot('SUCCESS', 10_000, 10_000)

const steadily = (now) => Math.floor(((now - QUEUED_MS) / (HOUR - QUEUED_MS)) * 10_000)
const JOBS = {
  steady: hourJob(steadily),
  // rises for ten minutes, then stands still until it finishes all at once at the hour
  stalled: hourJob((now) => steadily(Math.min(now, 600_000))),
}

/** Polls and lateness of one watch of `jobAt` with `watch` options, in virtual time. */
const watch = async (jobAt, watchOptions) => {
  const scheduler = new VirtualTimeScheduler(undefined, 10 * HOUR)
  let polls = 0
  const fetch = async () => {
    polls++
    return new globalThis.Response(JSON.stringify(jobAt(scheduler.now())), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  const client = createClient({
    apiKey: 'bench-key',
    baseUrl: 'http://127.0.0.1:9',
    fetch,
    scheduler,
  })
  let endSeenAt
  const done = lastValueFrom(client.batch.watchJob$(JOB_ID, watchOptions)).then(
    () => (endSeenAt = scheduler.now()),
  )
  // each poll is a promise (fetch, then the body): let it settle before the clock moves on
  while (endSeenAt === undefined) {
    await new Promise((resolve) => setImmediate(resolve))
    if (endSeenAt !== undefined) break
    const next = scheduler.actions[0]
    if (next === undefined) continue
    scheduler.maxFrames = next.delay
    scheduler.flush()
    scheduler.maxFrames = 10 * HOUR
  }
  await done
  return { polls, lateMs: endSeenAt - HOUR }
}

export const run = async () => {
  const rows = []
  const figures = {}
  for (const [name, jobAt] of Object.entries(JOBS)) {
    for (const pace of ['progress', 'backoff']) {
      const { polls, lateMs } = await watch(jobAt, { pace })
      figures[`${name}/${pace}`] = { polls, lateMs }
      rows.push(valueRow(`${name} job, pace '${pace}': polls`, polls, 'polls'))
      rows.push(valueRow(`${name} job, pace '${pace}': end seen late`, lateMs / 1000, 's'))
    }
  }
  const ratios = [
    ratio('steady hour: polls', figures['steady/progress'].polls, '<=', 60),
    ratio('steady hour: end seen late (s)', figures['steady/progress'].lateMs / 1000, '<=', 5),
    ratio(
      'stalled: polls, progress / backoff',
      figures['stalled/progress'].polls / figures['stalled/backoff'].polls,
      '<=',
      1,
    ),
    ratio(
      'stalled: lateness, progress - backoff (s)',
      (figures['stalled/progress'].lateMs - figures['stalled/backoff'].lateMs) / 1000,
      '<=',
      0,
    ),
  ]
  return {
    id: 'B9',
    title: 'polls timed by progress',
    setup:
      'virtual time; a job QUEUED 1 min, then RUNNING to the hour (10,000 requests): counters ' +
      'rising steadily, or rising 10 min and then still until it ends at once; default watch options',
    rows,
    ratios,
  }
}

await benchMain(run)
