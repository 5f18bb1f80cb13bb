// B1 (issue 8): results$ throughput over a 200 MB output file served by the emulator (in a child
// process), next to a careful raw pipeline, Mistral's SDK, and JSON.parse alone as the floor.
//
//   node spec/bench/b1-results-throughput.mjs [--quick] [--mb 200] [--rounds 5]
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { CONSUMERS } from './support/consumers.mjs'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { MB, option, quick } from './support/env.mjs'
import { benchMain, rateRow, ratio } from './support/report.mjs'
import { finishedJob, uploadToEmulator, writeResultsFile } from './support/resultsFile.mjs'
import { alternate, pairedRatio, timed } from './support/stats.mjs'

/** JSON.parse over the file's lines, split beforehand (only the parsing is timed). */
const parseAlone = async (file) => {
  const lines = (await fs.readFile(file, 'utf8')).split('\n').filter((line) => line !== '')
  let parsed = 0
  const started = performance.now()
  for (const line of lines) if (JSON.parse(line) !== null) parsed++
  return { ms: performance.now() - started, lines: parsed }
}

export const run = async () => {
  const sizeMb = Number(option('mb', quick ? 32 : 200))
  const rounds = Number(option('rounds', quick ? 3 : 5))
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-b1-'))
  const emulator = await startEmulatorProcess({ maxUploadBytes: 4096 * MB })
  try {
    const file = path.join(work, 'output.jsonl')
    const made = await writeResultsFile(file, sizeMb * MB)
    const { id: fileId } = await uploadToEmulator(emulator.url, file)
    const source = { url: emulator.url, fileId, job: finishedJob(fileId) }
    const contenders = Object.fromEntries(
      Object.entries(CONSUMERS).map(([name, read]) => [
        name,
        async () => {
          const { ms, cpuMs, value } = await timed(() => read(source))
          return { ms, cpuMs, ...value }
        },
      ]),
    )
    contenders['JSON.parse alone'] = () => parseAlone(file)
    const samples = await alternate({
      contenders,
      rounds,
      warmup: 1,
      check: (name, result) => {
        if (result.lines !== made.lines || (result.lefts ?? 0) !== 0) {
          throw new Error(
            `${name}: ${result.lines} lines, ${result.lefts} Lefts; ${made.lines} expected`,
          )
        }
      },
    })
    const mb = made.bytes / MB
    const rows = Object.entries(samples).map(([name, { ms }]) =>
      rateRow(name, ms, mb, 'MB/s', {
        detail: `${Math.round(rateRow(name, ms, made.lines, '').median).toLocaleString('en-US')} lines/s`,
      }),
    )
    // throughput ratio ours/theirs = their time / our time, round by round
    const speedup = (theirs, of = 'ms') => pairedRatio(samples[theirs][of], samples['results$'][of])
    return {
      id: 'B1',
      title: 'results throughput',
      setup:
        `${mb.toFixed(0)} MB output file, ${made.lines.toLocaleString('en-US')} chat result lines, ` +
        `emulator in a child process, ${rounds} alternating rounds after a warm-up; MB/s, higher is better`,
      rows,
      ratios: [
        ratio('results$ / raw pipeline', speedup('raw'), '>=', 1.0),
        ratio('results$ / Mistral SDK', speedup('sdk'), '>=', 2.0),
        ratio('results$ / raw pipeline, CPU time', speedup('raw', 'cpuMs')),
        ratio('results$ / Mistral SDK, CPU time', speedup('sdk', 'cpuMs')),
        ratio('results$ / JSON.parse alone (floor)', speedup('JSON.parse alone')),
      ],
      notes: [
        'results$ decodes and validates every line (io-ts BatchResult) and tags it; raw and SDK only JSON.parse.',
      ],
    }
  } finally {
    await emulator.close()
    await fs.rm(work, { recursive: true, force: true })
  }
}

await benchMain(run)
