// B6 of issue 8: the line splitter's worst case (one huge line in tiny chunks) and its
// throughput on realistic result lines against a raw TextDecoder + split + JSON.parse loop.
//
// Usage: node spec/bench/splitter.bench.mjs [--quick]
// Reads the built library (npm run build); JSONL_LIB=/path/to/jsonl/index.js points elsewhere.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { fileURLToPath, URL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { TextDecoder } from 'node:util'

const require = createRequire(import.meta.url)
const libraryPath =
  process.env.JSONL_LIB ?? fileURLToPath(new URL('../../dist/cjs/jsonl/index.js', import.meta.url))
const { splitLines, splitLinesWithInfo } = require(libraryPath)
const { Observable } = require('rxjs')

const quick = process.argv.includes('--quick')
const MB = 1024 * 1024
const examplePath = fileURLToPath(
  new URL('../../../shared/api/examples/chat-output.jsonl', import.meta.url),
)

/** A cold Observable of `bytes` cut into views of `chunkSize` (no copies). */
function chunked(bytes, chunkSize) {
  return new Observable((subscriber) => {
    for (let start = 0; start < bytes.length && !subscriber.closed; start += chunkSize) {
      subscriber.next(bytes.subarray(start, start + chunkSize))
    }
    subscriber.complete()
  })
}

/** Milliseconds taken by one run of splitLines over `bytes` in `chunkSize` pieces. */
function timeSplit(bytes, chunkSize, onLine) {
  const started = performance.now()
  chunked(bytes, chunkSize).pipe(splitLines()).subscribe(onLine)
  return performance.now() - started
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) }
}

function worstCase() {
  const lineSizes = quick ? [4 * MB, 8 * MB] : [8 * MB, 64 * MB]
  const chunkSizes = [1, 1024, 64 * 1024]
  console.log(
    '\nB6 worst case: one line of N MB fed in chunks, ms per MB (linear = flat across N);' +
      '\n"source alone" is the cost of making and emitting the chunks, without the splitter',
  )
  const header = lineSizes.map((n) => `${n / MB} MB`.padStart(22)).join('')
  console.log(`chunk     ${header}${'source alone'.padStart(16)}`)
  for (const chunkSize of chunkSizes) {
    const cells = []
    let sourceMs = 0
    for (const lineSize of lineSizes) {
      const bytes = new Uint8Array(lineSize + 1).fill(0x61)
      bytes[lineSize] = 10
      let length = 0
      timeSplit(bytes.subarray(0, Math.min(lineSize, MB)), chunkSize, () => {}) // warm-up
      const ms = timeSplit(bytes, chunkSize, (line) => (length = line.length))
      if (length !== lineSize) throw new Error(`expected one line of ${lineSize}, got ${length}`)
      cells.push(`${(ms / (lineSize / MB)).toFixed(1)} ms/MB (${(ms / 1000).toFixed(2)} s)`)
      const started = performance.now()
      chunked(bytes, chunkSize).subscribe(() => {})
      sourceMs = (performance.now() - started) / (lineSize / MB)
    }
    console.log(
      `${String(chunkSize).padEnd(10)}${cells.map((c) => c.padStart(22)).join('')}` +
        `${sourceMs.toFixed(1).padStart(10)} ms/MB`,
    )
  }
}

function realisticInput(targetBytes) {
  const example = readFileSync(examplePath)
  const copies = Math.ceil(targetBytes / example.length)
  const bytes = new Uint8Array(example.length * copies)
  for (let i = 0; i < copies; i++) bytes.set(example, i * example.length)
  return { bytes, lines: copies * example.toString('utf8').trim().split('\n').length }
}

/** The careful raw pipeline: a streaming TextDecoder, string split, the last piece carried over. */
function rawPipeline(bytes, chunkSize, onLine) {
  const decoder = new TextDecoder()
  let rest = ''
  for (let start = 0; start < bytes.length; start += chunkSize) {
    const pieces = (
      rest + decoder.decode(bytes.subarray(start, start + chunkSize), { stream: true })
    ).split('\n')
    rest = pieces.pop()
    for (const piece of pieces) if (piece) onLine(piece)
  }
  rest += decoder.decode()
  if (rest) onLine(rest)
}

function throughput() {
  const size = (quick ? 32 : 200) * MB
  const rounds = quick ? 3 : 5
  const chunkSize = 64 * 1024
  const { bytes, lines } = realisticInput(size)
  const sizeMb = bytes.length / MB
  let count = 0
  let sink = 0
  const parse = (line) => {
    sink += JSON.parse(line).custom_id.length
    count++
  }
  const measure = {
    'splitLines + JSON.parse': () => timeSplit(bytes, chunkSize, parse),
    'raw split + JSON.parse': () => {
      const started = performance.now()
      rawPipeline(bytes, chunkSize, parse)
      return performance.now() - started
    },
    'splitLinesWithInfo + parse': () => {
      const started = performance.now()
      chunked(bytes, chunkSize)
        .pipe(splitLinesWithInfo())
        .subscribe((info) => parse(info.line))
      return performance.now() - started
    },
    'splitLines only': () => timeSplit(bytes, chunkSize, () => count++),
    'raw split only': () => {
      const started = performance.now()
      rawPipeline(bytes, chunkSize, () => count++)
      return performance.now() - started
    },
  }
  const preSplit = new TextDecoder().decode(bytes).split('\n').filter(Boolean)
  measure['JSON.parse alone (floor)'] = () => {
    const started = performance.now()
    for (const line of preSplit) parse(line)
    return performance.now() - started
  }
  const samples = Object.fromEntries(Object.keys(measure).map((name) => [name, []]))
  for (let round = -1; round < rounds; round++) {
    for (const [name, run] of Object.entries(measure)) {
      count = 0
      const ms = run()
      if (count !== lines) throw new Error(`${name}: ${count} lines, expected ${lines}`)
      if (round >= 0) samples[name].push(ms)
    }
  }
  console.log(
    `\nThroughput on ${sizeMb.toFixed(0)} MB of result lines (${lines} lines, 64 KiB chunks, ` +
      `${rounds} rounds alternating after a warm-up; MB/s, higher is better)`,
  )
  const mbps = {}
  for (const [name, ms] of Object.entries(samples)) {
    const { median, min, max } = stats(ms)
    mbps[name] = sizeMb / (median / 1000)
    console.log(
      `${name.padEnd(26)} median ${mbps[name].toFixed(0).padStart(5)} MB/s` +
        `  (best ${(sizeMb / (min / 1000)).toFixed(0)}, worst ${(sizeMb / (max / 1000)).toFixed(0)})` +
        `  ${((lines / median) * 1000).toFixed(0)} lines/s`,
    )
  }
  const ratio = (a, b) => (mbps[a] / mbps[b]).toFixed(2)
  console.log(
    `ratio ours/raw with JSON.parse: ${ratio('splitLines + JSON.parse', 'raw split + JSON.parse')}`,
  )
  console.log(`ratio ours/raw split only:      ${ratio('splitLines only', 'raw split only')}`)
  if (sink < 0) console.log(sink)
}

console.log(
  `splitter bench ${quick ? '(quick) ' : ''}${new Date().toISOString()} node ${process.version} ` +
    `${os.cpus()[0]?.model ?? 'cpu?'} x${os.cpus().length}`,
)
worstCase()
throughput()
