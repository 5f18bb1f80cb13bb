// Memory of the client while upload$ streams 200 MB of requests from an async iterable to the
// emulator (in a child process, so only the client's memory is measured). Not part of npm run
// bench; run it on its own:
//   node spec/bench/upload-memory.mjs [--mb 200]      (MBRX_DIST picks the build)
import { lastValueFrom } from 'rxjs'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { MB, option } from './support/env.mjs'
import { ourClient } from './support/jobs.mjs'
import { peakRss, resetPeakRss } from './support/peakRss.mjs'
import { timed } from './support/stats.mjs'

const sizeMb = Number(option('mb', 200))
const emulator = await startEmulatorProcess({ maxUploadBytes: 2 * sizeMb * MB })
try {
  const client = ourClient(emulator.url, { retry: { maxRetries: 0 } })
  const padding = 'lorem ipsum dolor sit amet '.repeat(36)
  let produced = 0
  let count = 0
  async function* requests() {
    while (produced < sizeMb * MB) {
      const request = {
        custom_id: `req-${count}`,
        body: { max_tokens: 64, messages: [{ role: 'user', content: `${count} ${padding}` }] },
      }
      produced += JSON.stringify(request).length + 1
      count += 1
      yield request
    }
  }
  globalThis.gc?.()
  const baseline = process.memoryUsage.rss()
  const source = resetPeakRss()
  const { ms, value: file } = await timed(() =>
    lastValueFrom(
      client.files.upload$(requests(), { filename: 'bench.jsonl', idleTimeoutMs: 120_000 }),
    ),
  )
  const peak = peakRss(source)
  console.log(
    `node ${process.version}, ${count} requests, ${(file.bytes / MB).toFixed(1)} MB uploaded`,
  )
  console.log(`num_lines ${file.num_lines}, sample_type ${file.sample_type}`)
  console.log(
    `time ${(ms / 1000).toFixed(1)} s, ${(file.bytes / MB / (ms / 1000)).toFixed(1)} MB/s`,
  )
  console.log(
    `client RSS (${source}): baseline ${(baseline / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB, ` +
      `growth ${((peak - baseline) / MB).toFixed(1)} MB`,
  )
} finally {
  await emulator.close()
}
