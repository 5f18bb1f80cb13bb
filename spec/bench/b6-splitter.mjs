// B6 (issue 8): the line splitter's worst case, one huge line fed in 1-byte, 1 KB and 64 KB
// chunks (time must grow with the input, not with the number of chunks), next to the naive
// `(rest + text).split('\n')` loop; and its in-memory throughput on real result lines.
//
//   node spec/bench/b6-splitter.mjs [--quick]
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { rawLineSplitter } from './support/consumers.mjs'
import { lib, MB, quick, repoRoot } from './support/env.mjs'
import { benchMain, rateRow, ratio, timeRow } from './support/report.mjs'
import { alternate, pairedRatio } from './support/stats.mjs'

const { LineSplitter } = lib('jsonl/lineSplitter.js')

/** Milliseconds for the LineSplitter (what results$ reads with) over `bytes` in `chunkSize` views. */
const timeSplit = (bytes, chunkSize, onLine) => {
  const started = performance.now()
  const splitter = new LineSplitter(onLine)
  for (let start = 0; start < bytes.length; start += chunkSize) {
    splitter.push(bytes.subarray(start, start + chunkSize))
  }
  splitter.end()
  return performance.now() - started
}

/** Milliseconds for the naive loop over the same chunks. */
const timeNaive = (bytes, chunkSize, onLine) => {
  const started = performance.now()
  const splitter = rawLineSplitter(onLine)
  for (let start = 0; start < bytes.length; start += chunkSize) {
    splitter.push(bytes.subarray(start, start + chunkSize))
  }
  splitter.end()
  return performance.now() - started
}

const oneLine = (size) => {
  const bytes = new Uint8Array(size + 1).fill(0x61)
  bytes[size] = 10
  return bytes
}

const worstCase = (rows, ratios) => {
  const [small, large] = quick ? [4 * MB, 16 * MB] : [8 * MB, 64 * MB]
  for (const chunkSize of [1, 1024, 64 * 1024]) {
    const perMb = {}
    for (const size of [small, large]) {
      const bytes = oneLine(size)
      let length = 0
      timeSplit(bytes.subarray(0, MB), chunkSize, () => {}) // warm-up
      globalThis.gc()
      const ms = timeSplit(bytes, chunkSize, (line) => (length = line.length))
      if (length !== size) throw new Error(`expected one line of ${size}, got ${length}`)
      perMb[size] = ms / (size / MB)
      rows.push(
        timeRow(`LineSplitter: ${size / MB} MB line, ${chunkSize} B chunks`, [ms], {
          detail: `${perMb[size].toFixed(1)} ms/MB`,
        }),
      )
    }
    ratios.push(
      ratio(
        `ms/MB at ${large / MB} MB / at ${small / MB} MB, ${chunkSize} B chunks`,
        perMb[large] / perMb[small],
        '<=',
        1.5,
      ),
    )
  }
  // the naive loop re-copies the whole unfinished line at every chunk: quadratic
  const naive = {}
  for (const size of [MB, 8 * MB]) {
    const ms = timeNaive(oneLine(size), 64 * 1024, () => {})
    naive[size] = ms / (size / MB)
    rows.push(
      timeRow(`naive split: ${size / MB} MB line, 65536 B chunks`, [ms], {
        detail: `${naive[size].toFixed(1)} ms/MB`,
      }),
    )
  }
  ratios.push(
    ratio('naive split: ms/MB at 8 MB / at 1 MB (64 KB chunks)', naive[8 * MB] / naive[MB]),
  )
}

const realisticInput = (targetBytes) => {
  const example = readFileSync(path.join(repoRoot, 'spec', 'fixtures', 'chat-output.jsonl'))
  const copies = Math.ceil(targetBytes / example.length)
  const bytes = new Uint8Array(example.length * copies)
  for (let i = 0; i < copies; i++) bytes.set(example, i * example.length)
  const lines = copies * example.toString('utf8').trim().split('\n').length
  return { bytes, lines }
}

const throughput = async (rows, ratios) => {
  const { bytes, lines } = realisticInput((quick ? 32 : 100) * MB)
  const chunkSize = 64 * 1024
  let count = 0
  const parse = (line) => {
    if (JSON.parse(line) !== null) count++
  }
  const contender = (run) => () => {
    count = 0
    return { ms: run(), lines: count }
  }
  const samples = await alternate({
    rounds: quick ? 3 : 5,
    contenders: {
      'LineSplitter + JSON.parse': contender(() => timeSplit(bytes, chunkSize, parse)),
      'naive split + JSON.parse': contender(() => timeNaive(bytes, chunkSize, parse)),
      'LineSplitter only': contender(() => timeSplit(bytes, chunkSize, () => count++)),
      'naive split only': contender(() => timeNaive(bytes, chunkSize, () => count++)),
    },
    check: (name, result) => {
      if (result.lines !== lines)
        throw new Error(`${name}: ${result.lines} lines, ${lines} expected`)
    },
  })
  const mb = bytes.length / MB
  for (const [name, { ms }] of Object.entries(samples)) {
    rows.push(rateRow(`in memory, ${name}`, ms, mb, 'MB/s'))
  }
  ratios.push(
    ratio(
      'LineSplitter / naive, with JSON.parse (speed)',
      pairedRatio(samples['naive split + JSON.parse'].ms, samples['LineSplitter + JSON.parse'].ms),
    ),
    ratio(
      'LineSplitter / naive, split only (speed)',
      pairedRatio(samples['naive split only'].ms, samples['LineSplitter only'].ms),
    ),
  )
  return { mb, lines }
}

export const run = async () => {
  const rows = []
  const ratios = []
  worstCase(rows, ratios)
  const { mb, lines } = await throughput(rows, ratios)
  return {
    id: 'B6',
    title: 'splitter worst case',
    setup:
      'one line of N MB (a single run after a warm-up on 1 MB); then ' +
      `${mb.toFixed(0)} MB of result lines (${lines.toLocaleString('en-US')}) split in memory in 64 KB chunks`,
    rows,
    ratios,
  }
}

await benchMain(run)
