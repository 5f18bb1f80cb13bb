// B8 (issue 16): from 1,000,000 request objects to created jobs, file mode: runBatch$ against
// Mistral's SDK path (the whole JSONL string built, files.upload, batch.jobs.create). Each run
// is a fresh child process that reads its own peak RSS (VmHWM); the emulator runs in another.
//
//   node spec/bench/b8-upload.mjs [--quick] [--requests 1000000] [--rounds 3]
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { childEnv, flag, lib, MB, option, quick, requireFromRepo } from './support/env.mjs'
import { BENCH_API_KEY, chatRequest, ourClient, sdkClient } from './support/jobs.mjs'
import { peakRss, resetPeakRss } from './support/peakRss.mjs'
import { benchMain, ratio, timeRow, valueRow } from './support/report.mjs'
import { pairedRatio, summarize, timed } from './support/stats.mjs'

const { fetch } = globalThis

const TARGET_COUNT = 1_000_000
const TARGET_SPEEDUP = 3
const TARGET_RSS_SHARE = 1 / 8
const TARGET_PEAK_MB = 150
const JOB = { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' }

/** The request objects, made one at a time: both contenders read the same generator. */
function* requests(count) {
  for (let i = 0; i < count; i++) yield chatRequest(i)
}

// Each contender resolves with the ids of the jobs it created.
const CONTENDERS = {
  runBatch$: {
    preload: async () => {
      lib('index.js')
      requireFromRepo('rxjs')
    },
    run: async (url, count) => {
      const { lastValueFrom, takeWhile, toArray, filter } = requireFromRepo('rxjs')
      const client = ourClient(url, { timeoutMs: 120_000 })
      // the run goes on to watch its jobs: it is stopped at its last `created` event
      const created = await lastValueFrom(
        client.runBatch$(requests(count), { job: JOB, mode: 'file' }).pipe(
          takeWhile((event) => event.type !== 'created' || event.shard < event.shards - 1, true),
          filter((event) => event.type === 'created'),
          toArray(),
        ),
      )
      return created.map((event) => event.job.id)
    },
  },
  sdk: {
    preload: async () => {
      await import('@mistralai/mistralai')
    },
    run: async (url, count) => {
      const sdk = await sdkClient(url)
      const lines = []
      for (const request of requests(count)) lines.push(JSON.stringify(request))
      const text = `${lines.join('\n')}\n`
      const file = await sdk.files.upload({
        file: { fileName: 'b8.jsonl', content: Buffer.from(text) },
        purpose: 'batch',
      })
      const job = await sdk.batch.jobs.create({ ...JOB, inputFiles: [file.id] })
      return [job.id]
    },
  },
}

const childMain = async () => {
  const contender = CONTENDERS[option('mode')]
  await contender.preload()
  globalThis.gc()
  const baseline = process.memoryUsage.rss()
  const source = resetPeakRss()
  const {
    ms,
    cpuMs,
    value: jobIds,
  } = await timed(() => contender.run(option('url'), Number(option('requests'))))
  const peak = peakRss(source)
  process.stdout.write(JSON.stringify({ ms, cpuMs, baseline, peak, source, jobIds }))
}

const runChild = (mode, url, count) =>
  new Promise((resolve, reject) => {
    const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', '--mode', mode]
    args.push('--url', url, '--requests', String(count))
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: childEnv(),
    })
    let output = ''
    child.stdout.on('data', (data) => (output += data))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`${mode} child exited ${code}`)),
    )
  })

const getJson = async (url, path) => {
  const response = await fetch(`${url}${path}`, {
    headers: { authorization: `Bearer ${BENCH_API_KEY}` },
  })
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`)
  return response.json()
}

// Every request of the round is in the jobs it created (a queued job counts none yet: the lines
// of its input files tell).
const checkJobs = async (emulator, mode, result, count) => {
  const stats = await emulator.stats()
  if (stats.jobs.total !== result.jobIds.length) {
    throw new Error(
      `${mode}: ${stats.jobs.total} jobs on the emulator, ${result.jobIds.length} told`,
    )
  }
  let lines = 0
  for (const id of result.jobIds) {
    const job = await getJson(emulator.url, `/v1/batch/jobs/${id}`)
    for (const file of job.input_files) {
      lines += (await getJson(emulator.url, `/v1/files/${file}`)).num_lines
    }
  }
  if (lines !== count) throw new Error(`${mode}: ${lines} requests in its jobs, ${count} expected`)
}

const run = async () => {
  const count = Number(option('requests', quick ? 200_000 : TARGET_COUNT))
  const rounds = Number(option('rounds', 3))
  // the SDK sends one job of every request: the emulator takes up to 1,000,000 in a job (Mistral's
  // documented limit is 100,000, runBatch$'s default shard); jobs stay queued, so that the
  // emulator does no work while the next contender runs
  const emulator = await startEmulatorProcess(
    { maxRequestsPerJob: 1_000_000, queueDelayMs: 3_600_000, maxUploadBytes: 2048 * MB },
    ['--max-old-space-size=4096'],
  )
  try {
    const samples = Object.fromEntries(Object.keys(CONTENDERS).map((mode) => [mode, []]))
    for (let round = -1; round < rounds; round++) {
      for (const mode of Object.keys(CONTENDERS)) {
        await emulator.reset()
        const result = await runChild(mode, emulator.url, count)
        await checkJobs(emulator, mode, result, count)
        if (round >= 0) samples[mode].push(result)
      }
    }
    await emulator.reset()
    const ms = (mode) => samples[mode].map((r) => r.ms)
    const cpuMs = (mode) => samples[mode].map((r) => r.cpuMs)
    const peakMb = (mode) => samples[mode].map((r) => r.peak / MB)
    const median = (values) => summarize(values).median
    // the targets are those of a million requests: a smaller run shows its ratios for information
    const full = count >= TARGET_COUNT
    const at = (target, op) => (full ? [op, target] : [])
    const rows = Object.keys(CONTENDERS).flatMap((mode) => [
      timeRow(`${mode}: to the created job(s)`, ms(mode), {
        detail: `${samples[mode][0].jobIds.length} job(s)`,
      }),
      timeRow(`${mode}: CPU time of its process`, cpuMs(mode)),
      { name: `${mode}: peak RSS`, unit: 'MB', ...summarize(peakMb(mode)) },
      valueRow(`${mode}: RSS at start`, median(samples[mode].map((r) => r.baseline / MB)), 'MB'),
    ])
    return {
      id: 'B8',
      title: 'upload path',
      setup:
        `${count.toLocaleString('en-US')} chat requests (custom_id "0", "1", ...) from a generator ` +
        'to created jobs in file mode, each run a fresh child process, peak RSS its kernel ' +
        `high-water mark (${samples.runBatch$[0].source}); ${rounds} alternating rounds after a ` +
        "warm-up. runBatch$ with its defaults (shards of 100,000 requests); the SDK's path builds " +
        'the whole JSONL string, files.upload, batch.jobs.create of one job: the emulator, in ' +
        'another process, is started with maxRequestsPerJob 1,000,000 to accept it (its default ' +
        "is Mistral's 100,000) and keeps jobs queued (no work between runs); time from the " +
        'start to the last job created',
      rows,
      ratios: [
        ratio(
          'SDK time / runBatch$ time',
          pairedRatio(ms('sdk'), ms('runBatch$')),
          ...at(TARGET_SPEEDUP, '>='),
        ),
        ratio('SDK CPU time / runBatch$ CPU time', pairedRatio(cpuMs('sdk'), cpuMs('runBatch$'))),
        ratio(
          'runBatch$ peak RSS / SDK peak RSS',
          pairedRatio(peakMb('runBatch$'), peakMb('sdk')),
          ...at(TARGET_RSS_SHARE, '<='),
        ),
        ratio('runBatch$ peak RSS (MB)', median(peakMb('runBatch$')), ...at(TARGET_PEAK_MB, '<=')),
      ],
      notes: full ? [] : [`the targets apply at ${TARGET_COUNT.toLocaleString('en-US')} requests`],
    }
  } finally {
    await emulator.close()
  }
}

await (flag('child') ? childMain() : benchMain(run))
