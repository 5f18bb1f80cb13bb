// Memory of the client while upload$ streams 200 MB of requests from an async iterable to the
// emulator (run in a child process, so only the client's memory is measured). Not run by jest.
// Build first (`npm run build`), then:
//   node spec/bench/upload-memory.mjs [path/to/dist/cjs] [sizeMB]
import { fork } from 'node:child_process'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const distDir = path.resolve(process.argv[2] ?? 'dist/cjs')
const sizeMb = Number(process.argv[3] ?? 200)
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1)

// The child: starts the emulator and reports its URL; stops when the parent says so.
if (process.env.UPLOAD_BENCH_CHILD === '1') {
  const { startEmulator } = require(path.join(distDir, 'emulator', 'index.js'))
  const emulator = await startEmulator({ port: 0 })
  process.send({ url: emulator.url })
  process.on('message', async () => {
    await emulator.close()
    process.exit(0)
  })
} else {
  const child = fork(fileURLToPath(import.meta.url), process.argv.slice(2), {
    env: { ...process.env, UPLOAD_BENCH_CHILD: '1' },
  })
  const { url } = await new Promise((resolve) => child.once('message', resolve))
  const { createClient } = require(path.join(distDir, 'index.js'))
  const { lastValueFrom } = require('rxjs')

  const client = createClient({ apiKey: 'bench', baseUrl: url, retry: { maxRetries: 0 } })
  const padding = 'lorem ipsum dolor sit amet '.repeat(36)
  const target = sizeMb * 1024 * 1024
  let produced = 0
  let count = 0
  async function* requests() {
    while (produced < target) {
      const request = {
        custom_id: `req-${count}`,
        body: { max_tokens: 64, messages: [{ role: 'user', content: `${count} ${padding}` }] },
      }
      produced += JSON.stringify(request).length + 1
      count += 1
      yield request
    }
  }

  const baseline = process.memoryUsage().rss
  // maxRSS is the kernel's high-water mark: exact even when the event loop is too busy for a
  // timer to sample (on loopback, writes rarely block, so the upload runs in long bursts)
  const peakSoFar = () => process.resourceUsage().maxRSS * 1024
  const peakBefore = peakSoFar()
  const started = performance.now()
  const file = await lastValueFrom(
    client.files.upload$(requests(), { filename: 'bench.jsonl', idleTimeoutMs: 120_000 }),
  )
  const seconds = (performance.now() - started) / 1000
  const peak = peakSoFar()

  console.log(`node ${process.version}, ${count} requests, ${mb(file.bytes)} MB uploaded`)
  console.log(`num_lines ${file.num_lines}, sample_type ${file.sample_type}`)
  console.log(
    `time ${seconds.toFixed(1)} s, ${(file.bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s`,
  )
  console.log(
    `client RSS: baseline ${mb(baseline)} MB, peak ${mb(peak)} MB (before upload ${mb(peakBefore)} MB), ` +
      `growth ${mb(peak - baseline)} MB`,
  )
  child.send('stop')
}
