// B3 (issue 8): list$ to the end over 10,000 jobs vs a careful page loop with Mistral's SDK:
// wall time and the number of requests (exactly ceil(jobs / page_size) is the target).
//
//   node spec/bench/b3-list.mjs [--quick] [--jobs 10000] [--page-size 100] [--rounds 5]
import { lastValueFrom, reduce } from 'rxjs'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { option, quick } from './support/env.mjs'
import { countRequests, ourClient, sdkClient, seedJobs } from './support/jobs.mjs'
import { benchMain, ratio, timeRow, valueRow } from './support/report.mjs'
import { alternate, pairedRatio, timed } from './support/stats.mjs'

const LIST_PATH = /^\/v1\/batch\/jobs$/

export const run = async () => {
  const jobs = Number(option('jobs', quick ? 1000 : 10_000))
  const pageSize = Number(option('page-size', 100))
  const rounds = Number(option('rounds', quick ? 3 : 5))
  // jobs stay QUEUED: the emulator spends no CPU running them
  const emulator = await startEmulatorProcess({ queueDelayMs: 3_600_000 })
  try {
    await seedJobs(emulator.url, jobs)
    const client = ourClient(emulator.url)
    const sdk = await sdkClient(emulator.url)
    const measure = (list) => async () => {
      await emulator.clearRequests()
      const { ms, cpuMs, value } = await timed(list)
      return { ms, cpuMs, jobs: value, requests: await countRequests(emulator, 'GET', LIST_PATH) }
    }
    const samples = await alternate({
      rounds,
      contenders: {
        list$: measure(() =>
          lastValueFrom(client.batch.list$({ page_size: pageSize }).pipe(reduce((n) => n + 1, 0))),
        ),
        'SDK page loop': measure(async () => {
          let seen = 0
          for (let page = 0; ; page++) {
            const list = await sdk.batch.jobs.list({ page, pageSize })
            seen += list.data.length
            if (list.data.length < pageSize || seen >= (list.total ?? Infinity)) return seen
          }
        }),
      },
      check: (name, result) => {
        if (result.jobs !== jobs) throw new Error(`${name}: ${result.jobs} jobs, ${jobs} expected`)
      },
    })
    const expected = Math.ceil(jobs / pageSize)
    const ours = samples['list$']
    const theirs = samples['SDK page loop']
    return {
      id: 'B3',
      title: 'list$',
      setup:
        `${jobs.toLocaleString('en-US')} jobs, page_size ${pageSize}, listed to the end, ` +
        `${rounds} alternating rounds after a warm-up; the SDK loop stops on a short page or ` +
        'once `total` jobs are seen',
      rows: [
        timeRow('list$: wall time', ours.ms),
        timeRow('SDK page loop: wall time', theirs.ms),
        valueRow('list$: requests', ours.last.requests, 'requests'),
        valueRow('SDK page loop: requests', theirs.last.requests, 'requests'),
      ],
      ratios: [
        ratio(`list$ requests / ceil(${jobs}/${pageSize})`, ours.last.requests / expected, '<=', 1),
        ratio('list$ time / SDK time', pairedRatio(ours.ms, theirs.ms), '<=', 1),
        ratio('list$ CPU time / SDK CPU time', pairedRatio(ours.cpuMs, theirs.cpuMs)),
      ],
    }
  } finally {
    await emulator.close()
  }
}

await benchMain(run)
