// B11 (issue 16): 1,000 running jobs watched on one client: requests per poll round. The
// client polls them through pages of the job list (100 a page), so a round should cost
// ceil(1,000 / 100) = 10 requests, plus one GET for each job that ended in it.
//
//   node spec/bench/b11-many-jobs.mjs [--quick] [--jobs 1000]
import { lastValueFrom, merge, takeUntil, timer } from 'rxjs'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { option, quick } from './support/env.mjs'
import { createInlineJob, ourClient } from './support/jobs.mjs'
import { benchMain, ratio, valueRow } from './support/report.mjs'

/** A fixed pace of one poll a second, so a round is a second. */
const WATCH = { intervalMs: 1_000, backoff: 1, maxIntervalMs: 1_000, pace: 'backoff' }

export const run = async () => {
  const count = Number(option('jobs', 1000))
  const seconds = quick ? 6 : 20
  // one request a second per job, 200 requests: every job runs for the whole measure
  const emulator = await startEmulatorProcess({ rate: 1, queueDelayMs: 0 })
  try {
    const jobs = []
    for (let start = 0; start < count; start += 50) {
      const chunk = Math.min(50, count - start)
      jobs.push(
        ...(await Promise.all(
          Array.from({ length: chunk }, () => createInlineJob(emulator.url, 200)),
        )),
      )
    }
    const client = ourClient(emulator.url)
    await emulator.clearRequests()
    const started = Date.now()
    await lastValueFrom(
      merge(...jobs.map((job) => client.batch.watchJob$(job.id, WATCH))).pipe(
        takeUntil(timer(seconds * 1000)),
      ),
      { defaultValue: undefined },
    )
    const elapsed = (Date.now() - started) / 1000
    const gets = (await emulator.requests()).filter((request) => request.method === 'GET')
    const lists = gets.filter((request) => request.path === '/v1/batch/jobs').length
    const byId = gets.length - lists
    // the first round is by id (it tells each job's created_at); then rounds of the list, each
    // starting at its page 0
    const rounds = Math.max(
      1,
      gets.filter((request) => request.path === '/v1/batch/jobs' && request.query.page === '0')
        .length,
    )
    const perRound = (lists + Math.max(0, byId - count)) / rounds
    const target = Math.ceil(count / 100)
    return {
      id: 'B11',
      title: 'many jobs, one poll',
      setup:
        `${count.toLocaleString('en-US')} running jobs watched on one client for ${seconds} s ` +
        '(a poll a second each), emulator in another process',
      rows: [
        valueRow('list pages', lists, 'requests'),
        valueRow('GETs by id (first polls included)', byId, 'requests'),
        valueRow('rounds of the list', rounds, 'rounds', { detail: `in ${elapsed.toFixed(1)} s` }),
        valueRow('requests per round after the first', perRound, 'requests'),
      ],
      ratios: [ratio(`requests per round / ceil(${count} / 100)`, perRound / target, '<=', 1)],
    }
  } finally {
    await emulator.close()
  }
}

await benchMain(run)
