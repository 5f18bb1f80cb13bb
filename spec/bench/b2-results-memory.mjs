// B2 (issue 8): peak RSS of a process streaming a 1 GB output file from the emulator with
// results$, next to the raw pipeline and Mistral's SDK, each in a fresh child process.
//
//   node spec/bench/b2-results-memory.mjs [--quick] [--mb 1024]
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { CONSUMERS } from './support/consumers.mjs'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { childEnv, flag, lib, MB, option, quick, requireFromRepo } from './support/env.mjs'
import { peakRss, resetPeakRss } from './support/peakRss.mjs'
import { benchMain, ratio, valueRow } from './support/report.mjs'
import { finishedJob, uploadToEmulator, writeResultsFile } from './support/resultsFile.mjs'

const TARGET_GROWTH_MB = 100

// Loads what a consumer needs before the baseline, so only the streaming shows in the growth.
const preload = {
  results$: async () => {
    lib('index.js')
    requireFromRepo('rxjs')
  },
  raw: async () => {},
  sdk: async () => {
    await import('@mistralai/mistralai')
  },
}

const childMain = async () => {
  const mode = option('mode')
  const fileId = option('file')
  await preload[mode]()
  globalThis.gc()
  const baseline = process.memoryUsage.rss()
  const source = resetPeakRss()
  const started = performance.now()
  const { lines } = await CONSUMERS[mode]({
    url: option('url'),
    fileId,
    job: finishedJob(fileId),
  })
  const seconds = (performance.now() - started) / 1000
  const peak = peakRss(source)
  process.stdout.write(JSON.stringify({ mode, lines, seconds, baseline, peak, source }))
}

const runChild = (mode, url, fileId) =>
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
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: childEnv() },
    )
    let output = ''
    child.stdout.on('data', (data) => (output += data))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`${mode} child exited ${code}`)),
    )
  })

const run = async () => {
  const sizeMb = Number(option('mb', quick ? 256 : 1024))
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-b2-'))
  const emulator = await startEmulatorProcess({ maxUploadBytes: 4096 * MB })
  try {
    const file = path.join(work, 'output.jsonl')
    const made = await writeResultsFile(file, sizeMb * MB)
    const { id: fileId } = await uploadToEmulator(emulator.url, file)
    await fs.rm(file)
    const measured = {}
    for (const mode of Object.keys(CONSUMERS)) {
      const result = await runChild(mode, emulator.url, fileId)
      if (result.lines !== made.lines) {
        throw new Error(`${mode}: ${result.lines} lines, ${made.lines} expected`)
      }
      measured[mode] = result
    }
    const growthMb = (mode) => (measured[mode].peak - measured[mode].baseline) / MB
    const rows = Object.entries(measured).flatMap(([mode, r]) => [
      valueRow(`${mode}: RSS growth`, growthMb(mode), 'MB', {
        detail: `baseline ${(r.baseline / MB).toFixed(0)} MB, peak ${(r.peak / MB).toFixed(0)} MB`,
      }),
      valueRow(`${mode}: throughput`, made.bytes / MB / r.seconds, 'MB/s'),
    ])
    return {
      id: 'B2',
      title: 'results memory',
      setup:
        `${(made.bytes / MB).toFixed(0)} MB output file (${made.lines.toLocaleString('en-US')} lines) ` +
        "read once by each consumer in a fresh child process; growth = the kernel's peak RSS " +
        `(${Object.values(measured)[0].source}) over the RSS after loading the modules`,
      rows,
      ratios: [
        ratio('results$ RSS growth (MB)', growthMb('results$'), '<=', TARGET_GROWTH_MB),
        ratio('results$ growth / SDK growth', growthMb('results$') / growthMb('sdk')),
      ],
    }
  } finally {
    await emulator.close()
    await fs.rm(work, { recursive: true, force: true })
  }
}

await (flag('child') ? childMain() : benchMain(run))
