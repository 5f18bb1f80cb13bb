// Benchmark B2 (issue 5): results$ over a ~1 GB output file served by the emulator, in a child
// process: peak RSS growth (target < 100 MB) and MB/s, next to a raw fetch + split + JSON.parse.
//
//   npm run build && node spec/bench/results-memory.mjs [--mb 1024] [--dist dist/cjs] [--skip-raw]
//
// The parent builds a JSONL file of realistic chat result lines (from the real lines in
// ../shared/api/examples/chat-output.jsonl, each with its own custom_id), uploads it to an
// in-process emulator, and hands its id to the child as the output file of a finished job; the
// child streams it with the public `client.batch.results$` and samples its own RSS. Not run by jest.
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { createWriteStream, openAsBlob, promises as fs, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { clearInterval, setInterval } from 'node:timers'
import { fileURLToPath } from 'node:url'
import { TextDecoder } from 'node:util'

const { fetch, FormData } = globalThis

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at === -1 ? fallback : args[at + 1]
}
const dist = path.resolve(root, option('dist', 'dist/cjs'))
const require = createRequire(path.join(root, 'package.json'))
const load = (module) => require(path.join(dist, module))
const MB = 1024 * 1024

const childMain = async () => {
  const url = option('url')
  const fileId = option('file')
  const mode = option('mode')
  const sampleRss = () => process.memoryUsage.rss()
  let peak = 0
  const sampler = setInterval(() => {
    peak = Math.max(peak, sampleRss())
  }, 20)
  const { createClient } = load('index.js')
  const { lastValueFrom, reduce } = require('rxjs')
  globalThis.gc?.()
  const baseline = sampleRss()
  peak = baseline
  const started = process.hrtime.bigint()
  let rights = 0
  let lefts = 0
  if (mode === 'results$') {
    const client = createClient({ apiKey: 'bench-key', baseUrl: url })
    const job = {
      id: '00000000-0000-4000-8000-000000000001',
      input_files: ['00000000-0000-4000-8000-000000000002'],
      endpoint: '/v1/chat/completions',
      errors: [],
      status: 'SUCCESS',
      created_at: 0,
      total_requests: 0,
      completed_requests: 0,
      succeeded_requests: 0,
      failed_requests: 0,
      output_file: fileId,
      error_file: null,
    }
    const counts = await lastValueFrom(
      client.batch
        .results$(job, { include: 'outputs' })
        .pipe(
          reduce(
            (n, line) => (line._tag === 'Right' ? [n[0] + 1, n[1]] : [n[0], n[1] + 1]),
            [0, 0],
          ),
        ),
    )
    ;[rights, lefts] = counts
  } else {
    // the careful raw pipeline: same fetch, streaming decode, string split, JSON.parse, no checks
    const response = await fetch(`${url}/v1/files/${fileId}/content`, {
      headers: { authorization: 'Bearer bench-key' },
    })
    const decoder = new TextDecoder()
    let rest = ''
    for await (const chunk of response.body) {
      const parts = (rest + decoder.decode(chunk, { stream: true })).split('\n')
      rest = parts.pop()
      for (const line of parts) if (line !== '' && JSON.parse(line) !== null) rights++
    }
    if (rest !== '' && JSON.parse(rest) !== null) rights++
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const bytes = Number(option('bytes'))
  clearInterval(sampler)
  peak = Math.max(peak, sampleRss())
  process.stdout.write(
    JSON.stringify({
      mode,
      rights,
      lefts,
      seconds,
      bytes,
      baseline,
      peak,
      growth: peak - baseline,
    }),
  )
}

const writeResultsFile = async (file, targetBytes) => {
  const examples = readFileSync(
    path.join(root, '..', 'shared', 'api', 'examples', 'chat-output.jsonl'),
    'utf8',
  )
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line))
  const out = createWriteStream(file)
  let written = 0
  let lines = 0
  while (written < targetBytes) {
    const batch = []
    for (let i = 0; i < 1000; i++, lines++) {
      const example = examples[lines % examples.length]
      batch.push(JSON.stringify({ ...example, custom_id: String(lines) }) + '\n')
    }
    const text = batch.join('')
    written += Buffer.byteLength(text)
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve))
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
  return { bytes: written, lines }
}

const runChild = (mode, url, fileId, bytes) =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        fileURLToPath(import.meta.url),
        '--child',
        '--mode',
        mode,
        '--url',
        url,
        '--file',
        fileId,
        '--bytes',
        String(bytes),
        '--dist',
        dist,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`${mode} child exited ${code}`)),
    )
  })

const parentMain = async () => {
  const targetMb = Number(option('mb', '1024'))
  const { startEmulator } = load('emulator/index.js')
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'results-memory-'))
  const emulator = await startEmulator({
    maxUploadBytes: 4 * 1024 * MB,
    dataDir: path.join(work, 'emulator'),
  })
  try {
    const file = path.join(work, 'output.jsonl')
    const made = await writeResultsFile(file, targetMb * MB)
    const form = new FormData()
    form.append('purpose', 'batch')
    form.append('file', await openAsBlob(file), 'output.jsonl')
    const uploaded = await (
      await fetch(`${emulator.url}/v1/files`, { method: 'POST', body: form })
    ).json()
    await fs.rm(file)
    console.log(`file: ${(made.bytes / MB).toFixed(0)} MB, ${made.lines} lines, id ${uploaded.id}`)
    const rounds = Number(option('rounds', '1'))
    const pair = args.includes('--skip-raw') ? ['results$'] : ['results$', 'raw']
    const modes = Array.from({ length: rounds }, () => pair).flat()
    for (const mode of modes) {
      const r = await runChild(mode, emulator.url, uploaded.id, made.bytes)
      if (r.rights !== made.lines)
        throw new Error(`${mode}: ${r.rights} lines, expected ${made.lines}`)
      console.log(
        `${mode.padEnd(8)} ${r.rights} Right, ${r.lefts} Left in ${r.seconds.toFixed(1)} s: ` +
          `${(r.bytes / MB / r.seconds).toFixed(0)} MB/s, ${Math.round(r.rights / r.seconds)} lines/s; ` +
          `RSS ${(r.baseline / MB).toFixed(0)} MB -> peak ${(r.peak / MB).toFixed(0)} MB ` +
          `(growth ${(r.growth / MB).toFixed(1)} MB)`,
      )
    }
  } finally {
    await emulator.close()
    await fs.rm(work, { recursive: true, force: true })
  }
}

await (args.includes('--child') ? childMain() : parentMain())
