// Memory of a 1,000,000-request runBatch$ against the emulator: peak RSS of the client process.
// The emulator runs in a child process so only the client is measured. Not part of npm run
// bench; run it on its own:
//   node spec/bench/run-memory.mjs [--requests 1000000]      (MBRX_DIST picks the build)
import { lastValueFrom, tap } from 'rxjs'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { MB, option } from './support/env.mjs'
import { ourClient } from './support/jobs.mjs'
import { peakRss, resetPeakRss } from './support/peakRss.mjs'

const count = Number(option('requests', 1_000_000))
const mb = (bytes) => (bytes / MB).toFixed(1)

function* requests() {
  for (let i = 0; i < count; i++) {
    yield { body: { max_tokens: 8, messages: [{ role: 'user', content: `Question ${i}` }] } }
  }
}

const emulator = await startEmulatorProcess({ rate: Infinity, queueDelayMs: 0 }, [
  '--max-old-space-size=4096',
])
try {
  const client = ourClient(emulator.url, { timeoutMs: 120_000 })
  globalThis.gc?.()
  const baseline = process.memoryUsage.rss()
  const source = resetPeakRss()
  let peakHeap = 0
  const started = Date.now()
  const phases = {}
  let results = 0
  const completed = await lastValueFrom(
    client
      .runBatch$(requests(), {
        job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
        mode: 'file',
        watch: { intervalMs: 250, backoff: 1, maxIntervalMs: 250 },
      })
      .pipe(
        tap((event) => {
          if (event.type === 'result') {
            if (++results % 10_000 === 0) {
              peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
            }
          } else phases[event.type] ??= Date.now() - started
        }),
      ),
  )
  const peak = peakRss(source)
  const { summary } = completed
  console.log(
    `requests: ${count}, results: ${results}, seconds: ${((Date.now() - started) / 1000).toFixed(1)}`,
  )
  console.log(`first event of each kind at (ms): ${JSON.stringify(phases)}`)
  console.log(
    `summary: succeeded ${summary.succeeded}, failed ${summary.failed}, missing ${summary.missing.length}, ` +
      `duplicates ${summary.duplicates.length}, unexpected ${summary.unexpected.length}`,
  )
  console.log(
    `client RSS (${source}): baseline ${mb(baseline)} MB, peak ${mb(peak)} MB ` +
      `(growth ${mb(peak - baseline)} MB); peak heap used ${mb(peakHeap)} MB`,
  )
  if (results !== count || summary.missing.length > 0) process.exitCode = 1
} finally {
  await emulator.close()
}
