// Memory of a 1,000,000-request runBatch$ against the emulator: peak RSS of the client process.
// The emulator runs in a child process so only the client is measured. Not run by jest.
// Build first (`npm run build`), then:
//   node spec/bench/run-memory.mjs [requests] [path/to/dist/cjs]
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { clearInterval, setInterval } from 'node:timers'

const require = createRequire(import.meta.url)
const count = Number(process.argv[2] ?? 1_000_000)
const dist = path.resolve(process.argv[3] ?? 'dist/cjs')
const { createClient } = require(path.join(dist, 'index.js'))
const { lastValueFrom, tap } = require('rxjs')
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1)

const startEmulatorProcess = () =>
  new Promise((resolve, reject) => {
    const script =
      `require(${JSON.stringify(path.join(dist, 'emulator', 'index.js'))})` +
      '.startEmulator({ rate: Infinity, queueDelayMs: 0 })' +
      '.then((e) => console.log(e.url), (error) => { console.error(error); process.exit(1) })'
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child.stdout.once('data', (data) => resolve({ child, url: String(data).trim() }))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)))
  })

const sampleRss = () => {
  let peak = process.memoryUsage().rss
  let peakHeap = process.memoryUsage().heapUsed
  const timer = setInterval(() => {
    const usage = process.memoryUsage()
    peak = Math.max(peak, usage.rss)
    peakHeap = Math.max(peakHeap, usage.heapUsed)
  }, 50)
  return () => {
    clearInterval(timer)
    return { rss: Math.max(peak, process.memoryUsage().rss), heap: peakHeap }
  }
}

function* requests() {
  for (let i = 0; i < count; i++) {
    yield { body: { max_tokens: 8, messages: [{ role: 'user', content: `Question ${i}` }] } }
  }
}

const { child, url } = await startEmulatorProcess()
try {
  const client = createClient({ apiKey: 'bench', baseUrl: url, timeoutMs: 120_000 })
  const baseline = process.memoryUsage().rss
  const stop = sampleRss()
  const started = Date.now()
  const phases = {}
  let results = 0
  const completed = await lastValueFrom(
    client
      .runBatch$(requests(), {
        endpoint: '/v1/chat/completions',
        model: 'ministral-3b-latest',
        mode: 'file',
        watch: { intervalMs: 250, backoff: 1, maxIntervalMs: 250 },
      })
      .pipe(
        tap((event) => {
          if (event.type === 'result') results++
          else phases[event.type] ??= Date.now() - started
        }),
      ),
  )
  const peak = stop()
  const seconds = (Date.now() - started) / 1000
  const { summary } = completed
  console.log(`requests: ${count}, results: ${results}, seconds: ${seconds.toFixed(1)}`)
  console.log(`first event of each kind at (ms): ${JSON.stringify(phases)}`)
  console.log(
    `summary: succeeded ${summary.succeeded}, failed ${summary.failed}, missing ${summary.missing.length}, ` +
      `duplicates ${summary.duplicates.length}, unexpected ${summary.unexpected.length}`,
  )
  console.log(
    `client RSS: baseline ${mb(baseline)} MB, peak ${mb(peak.rss)} MB (growth ${mb(peak.rss - baseline)} MB); ` +
      `peak heap used ${mb(peak.heap)} MB`,
  )
  if (results !== count || summary.missing.length > 0) process.exitCode = 1
} finally {
  child.kill()
}
