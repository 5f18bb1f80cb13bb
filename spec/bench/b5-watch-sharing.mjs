// B5 (issue 8): 1,000 subscribers of watchJob$ on one running job share one polling loop:
// requests per poll (target 1).
//
//   node spec/bench/b5-watch-sharing.mjs [--quick] [--subscribers 1000]
import { setTimeout as sleep } from 'node:timers/promises'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { option, quick } from './support/env.mjs'
import { countRequests, createInlineJob, ourClient } from './support/jobs.mjs'
import { benchMain, ratio, valueRow } from './support/report.mjs'

const WATCH = { intervalMs: 100, backoff: 1, maxIntervalMs: 100, emit: 'every' }

export const run = async () => {
  const subscribers = Number(option('subscribers', 1000))
  const requests = quick ? 150 : 500
  // 100 requests a second: the job runs for `requests / 100` seconds
  const emulator = await startEmulatorProcess({ rate: 100, queueDelayMs: 200 })
  try {
    const job = await createInlineJob(emulator.url, requests)
    const client = ourClient(emulator.url)
    await emulator.clearRequests()
    const started = Date.now()
    // subscriber 0 sees every poll (emit: 'every'); the others join over the first second
    const snapshots = Array.from({ length: subscribers }, () => [])
    const done = snapshots.map(
      (seen, i) =>
        new Promise((resolve, reject) => {
          const subscribe = () =>
            client.batch.watchJob$(job.id, WATCH).subscribe({
              next: (snapshot) => seen.push(snapshot.status),
              error: reject,
              complete: resolve,
            })
          if (i === 0) subscribe()
          else sleep(Math.floor((i / subscribers) * 1000)).then(subscribe)
        }),
    )
    await Promise.all(done)
    const seconds = (Date.now() - started) / 1000
    const polls = snapshots[0].length
    const gets = await countRequests(emulator, 'GET', new RegExp(`^/v1/batch/jobs/${job.id}$`))
    const terminal = snapshots.filter((seen) => seen.at(-1) === 'SUCCESS').length
    if (terminal !== subscribers) {
      throw new Error(`${subscribers - terminal} subscribers did not see the terminal snapshot`)
    }
    return {
      id: 'B5',
      title: 'watch sharing',
      setup:
        `${subscribers.toLocaleString('en-US')} subscribers of watchJob$ on one job of ${requests} requests ` +
        `(running ${seconds.toFixed(1)} s), joining over its first second, polling every ${WATCH.intervalMs} ms`,
      rows: [
        valueRow('polls (snapshots of subscriber 0)', polls, 'polls'),
        valueRow('GET requests to the job', gets, 'requests'),
        valueRow('subscribers that saw SUCCESS', terminal, 'subscribers'),
      ],
      ratios: [ratio('requests per poll', gets / polls, '<=', 1)],
      notes: [
        `Mistral's SDK has no watch helper: ${subscribers} callers with their own polling loop would ` +
          `send about ${(subscribers * polls).toLocaleString('en-US')} requests for the same ${polls} polls.`,
      ],
    }
  } finally {
    await emulator.close()
  }
}

await benchMain(run)
