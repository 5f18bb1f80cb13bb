// B10 (issue 16): start-up. `require` and `import` of the core next to a bare `node -e ''`, and
// `mistral-batch --help`, each a fresh process, in alternating rounds.
//
//   node spec/bench/b10-startup.mjs [--quick]
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { distDir, quick, repoRoot } from './support/env.mjs'
import { benchMain, ratio, timeRow } from './support/report.mjs'
import { alternate, pairedRatio, summarize } from './support/stats.mjs'

const core = path.join(distDir, 'index.js')
const coreEsm = pathToFileURL(path.join(distDir, '..', 'esm', 'index.js')).href
const cli = path.join(repoRoot, 'packages', 'cli', 'dist', 'cjs', 'bin.js')

/** A contender that runs `node args` once and times it (wall clock, the process's whole life). */
const nodeRun = (args) => async () => {
  const started = performance.now()
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' })
  const ms = performance.now() - started
  if (child.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr}`)
  return { ms }
}

export const run = async () => {
  const rounds = quick ? 8 : 25
  const samples = await alternate({
    rounds,
    contenders: {
      'node -e ""': nodeRun(['-e', '']),
      "require('mistral-batch-rx')": nodeRun(['-e', `require(${JSON.stringify(core)})`]),
      "import('mistral-batch-rx')": nodeRun([
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(coreEsm)})`,
      ]),
      'mistral-batch --help': nodeRun([cli, '--help']),
    },
  })
  const bare = samples['node -e ""'].ms
  const over = (name) => summarize(samples[name].ms.map((ms, i) => ms - bare[i])).median
  const rows = Object.entries(samples).map(([name, { ms }]) => timeRow(name, ms))
  return {
    id: 'B10',
    title: 'start-up',
    setup: `${rounds} alternating rounds of fresh processes; the figures over bare node are per-round differences`,
    rows,
    ratios: [
      ratio(
        'require of the core over bare node (ms)',
        over("require('mistral-batch-rx')"),
        '<=',
        120,
      ),
      ratio(
        'import of the core over bare node (ms)',
        over("import('mistral-batch-rx')"),
        '<=',
        120,
      ),
      ratio(
        'mistral-batch --help (ms)',
        summarize(samples['mistral-batch --help'].ms).median,
        '<=',
        300,
      ),
      ratio(
        'require of the core / bare node',
        pairedRatio(samples["require('mistral-batch-rx')"].ms, bare),
      ),
    ],
  }
}

await benchMain(run)
