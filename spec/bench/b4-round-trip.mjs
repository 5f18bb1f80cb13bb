// B4 (issue 8): the cost of one request: 2,000 sequential get$ vs Mistral SDK's batch.jobs.get
// on the same job; the ratio of their times (target at most 1.0).
//
//   node spec/bench/b4-round-trip.mjs [--quick] [--gets 2000] [--rounds 5]
import { lastValueFrom } from 'rxjs'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { option, quick } from './support/env.mjs'
import { createInlineJob, ourClient, sdkClient } from './support/jobs.mjs'
import { benchMain, ratio, rateRow, timeRow } from './support/report.mjs'
import { alternate, pairedRatio, timed } from './support/stats.mjs'

export const run = async () => {
  const gets = Number(option('gets', quick ? 200 : 2000))
  const rounds = Number(option('rounds', quick ? 3 : 5))
  const emulator = await startEmulatorProcess({ queueDelayMs: 3_600_000 })
  try {
    const { id: jobId } = await createInlineJob(emulator.url)
    const client = ourClient(emulator.url)
    const sdk = await sdkClient(emulator.url)
    const sequential = (get) => async () => {
      const { ms, cpuMs } = await timed(async () => {
        for (let i = 0; i < gets; i++) {
          const job = await get()
          if (job.id !== jobId) throw new Error(`got job ${job.id}`)
        }
      })
      return { ms, cpuMs }
    }
    const samples = await alternate({
      rounds,
      contenders: {
        get$: sequential(() => lastValueFrom(client.batch.get$(jobId))),
        'SDK batch.jobs.get': sequential(() => sdk.batch.jobs.get({ jobId })),
      },
    })
    const ours = samples['get$'].ms
    const theirs = samples['SDK batch.jobs.get'].ms
    return {
      id: 'B4',
      title: 'round trip',
      setup: `${gets.toLocaleString('en-US')} sequential gets of one job, ${rounds} alternating rounds after a warm-up`,
      rows: [
        timeRow(`get$: ${gets} gets`, ours),
        timeRow(`SDK batch.jobs.get: ${gets} gets`, theirs),
        rateRow('get$: rate', ours, gets, 'req/s'),
        rateRow('SDK batch.jobs.get: rate', theirs, gets, 'req/s'),
      ],
      ratios: [
        ratio('get$ time / SDK time', pairedRatio(ours, theirs), '<=', 1),
        ratio(
          'get$ CPU time / SDK CPU time',
          pairedRatio(samples['get$'].cpuMs, samples['SDK batch.jobs.get'].cpuMs),
        ),
      ],
    }
  } finally {
    await emulator.close()
  }
}

await benchMain(run)
