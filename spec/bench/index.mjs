// npm run bench: runs B1..B12 one after the other, each in its own process, prints every figure,
// and writes the table to docs/benchmarks.md (full mode; `--docs` writes it in quick mode too).
//
//   node spec/bench/index.mjs [--quick] [--only B1,B4] [--docs | --no-docs]
//   MBRX_DIST=/path/to/cjs node spec/bench/index.mjs   (another build than dist/cjs)
import { spawn } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { childEnv, distDir, flag, machine, option, quick, repoRoot } from './support/env.mjs'
import { markdownOf, verdict } from './support/report.mjs'

const BENCHMARKS = [
  ['B1', 'b1-results-throughput.mjs'],
  ['B2', 'b2-results-memory.mjs'],
  ['B3', 'b3-list.mjs'],
  ['B4', 'b4-round-trip.mjs'],
  ['B5', 'b5-watch-sharing.mjs'],
  ['B6', 'b6-splitter.mjs'],
  ['B7', 'b7-queue.mjs'],
  ['B8', 'b8-upload.mjs'],
  ['B9', 'b9-polls.mjs'],
  ['B10', 'b10-startup.mjs'],
  ['B11', 'b11-many-jobs.mjs'],
  ['B12', 'b12-body-validation.mjs'],
]
const DOC = path.join(repoRoot, 'docs', 'benchmarks.md')
const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'
const here = path.dirname(fileURLToPath(import.meta.url))

const runBenchmark = (script, reportFile) =>
  new Promise((resolve, reject) => {
    const args = ['--expose-gc', path.join(here, script), '--report-json', reportFile]
    if (quick) args.push('--quick')
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: childEnv() })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`)),
    )
  })

// Formatted the way `npm run lint` (prettier --check) wants the file.
const writeDoc = async (markdown) => {
  const text = await fs.readFile(DOC, 'utf8')
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  if (start === -1 || end < start) throw new Error(`${DOC} has no ${START} ... ${END} section`)
  const updated = `${text.slice(0, start + START.length)}\n\n${markdown}\n\n${text.slice(end)}`
  const prettier = await import('prettier')
  const options = (await prettier.resolveConfig(DOC)) ?? {}
  await fs.writeFile(DOC, await prettier.format(updated, { ...options, filepath: DOC }))
}

if (!existsSync(path.join(distDir, 'index.js'))) {
  console.error(`No build in ${distDir}: run npm run build, or set MBRX_DIST`)
  process.exit(2)
}
const only = option('only')?.split(',')
const selected = BENCHMARKS.filter(([id]) => only === undefined || only.includes(id))
const about = machine()
console.log(
  `npm run bench${quick ? ' (quick)' : ''}: ${about.date}, Node ${about.node}, ${about.cpu}, ` +
    `${about.cores} cores, ${about.memoryGB} GB; build ${distDir}`,
)
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-run-'))
const started = Date.now()
const results = []
try {
  for (const [id, script] of selected) {
    const reportFile = path.join(work, `${id}.json`)
    await runBenchmark(script, reportFile)
    results.push(JSON.parse(await fs.readFile(reportFile, 'utf8')))
  }
} finally {
  await fs.rm(work, { recursive: true, force: true })
}
const seconds = (Date.now() - started) / 1000
console.log(`\nSummary (${seconds.toFixed(0)} s):`)
for (const result of results) {
  for (const r of result.ratios.filter((r) => r.pass !== null)) {
    console.log(
      `  ${result.id} ${r.name}: ${r.value.toFixed(2)} (${r.op} ${r.target}) ${verdict(r)}`,
    )
  }
}
const writes = flag('docs') || (!quick && !flag('no-docs') && only === undefined)
if (writes) {
  await writeDoc(markdownOf(results, about, { quick, seconds }))
  console.log(`\nWrote the table to ${path.relative(repoRoot, DOC)}`)
}
