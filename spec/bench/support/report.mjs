// Benchmark results: rows from samples, ratios against targets, the console print, the JSON a
// child hands to the runner, and the markdown table of docs/benchmarks.md.
import { writeFileSync } from 'node:fs'
import { option } from './env.mjs'
import { summarize } from './stats.mjs'

/** A row of a rate (`amount` per second) from samples in ms: the median and the spread. */
export const rateRow = (name, msSamples, amount, unit, extra = {}) => {
  const { median, min, max } = summarize(msSamples)
  const rate = (ms) => amount / (ms / 1000)
  return { name, unit, median: rate(median), min: rate(max), max: rate(min), ...extra }
}

/** A row of durations in ms (lower is better). */
export const timeRow = (name, msSamples, extra = {}) => ({
  name,
  unit: 'ms',
  ...summarize(msSamples),
  ...extra,
})

/** A row of a single measured value (a count, a size). */
export const valueRow = (name, value, unit, extra = {}) => ({
  name,
  unit,
  median: value,
  min: value,
  max: value,
  ...extra,
})

/**
 * A ratio and its target: `op` is `'>='` or `'<='`; `pass` says whether it is met. Without a
 * target it is shown for information.
 */
export const ratio = (name, value, op, target) => ({
  name,
  value,
  op: op ?? null,
  target: target ?? null,
  pass: op === undefined ? null : op === '>=' ? value >= target : value <= target,
})

const targetText = (r) => (r.op === null ? '(information)' : `${r.op} ${r.target}`)

const number = (value) => {
  if (!Number.isFinite(value)) return String(value)
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

/** The verdict of a ratio, as printed. */
export const verdict = (r) => (r.pass === null ? '' : r.pass ? 'met' : 'MISSED')

/** Prints one benchmark's rows and ratios. */
export const printResult = (result) => {
  console.log(`\n${result.id} ${result.title} (${result.setup})`)
  for (const row of result.rows) {
    console.log(
      `  ${row.name.padEnd(34)} median ${number(row.median).padStart(10)} ${row.unit.padEnd(8)}` +
        ` min ${number(row.min).padStart(10)}  max ${number(row.max).padStart(10)}` +
        (row.detail ? `  ${row.detail}` : ''),
    )
  }
  for (const r of result.ratios) {
    console.log(
      `  ${r.name.padEnd(34)} ${number(r.value).padStart(10)}   target ${targetText(r)} ${verdict(r)}`,
    )
  }
  for (const note of result.notes ?? []) console.log(`  note: ${note}`)
}

/**
 * Runs a benchmark's `run()`, prints its result, and writes it as JSON to `--report-json <file>`
 * when the runner asked for it. Exits non-zero on an error.
 */
export const benchMain = async (run) => {
  try {
    const result = await run()
    printResult(result)
    const file = option('report-json')
    if (file !== undefined) writeFileSync(file, JSON.stringify(result))
  } catch (error) {
    console.error(error)
    process.exit(1)
  }
}

const cell = (text) => String(text).replaceAll('|', '\\|')

/** The markdown of a full run: machine, the summary of ratios, then every row. */
export const markdownOf = (results, machine, { quick, seconds }) => {
  const lines = [
    `Run of ${machine.date.slice(0, 10)} (${quick ? 'quick mode' : 'full mode'}, ` +
      `${Math.round(seconds)} s in all): Node ${machine.node}, ${machine.os}, ` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB of memory.`,
    '',
    '| Benchmark | Ratio | Value | Target | Result |',
    '|---|---|---:|---|---|',
  ]
  for (const result of results) {
    for (const r of result.ratios) {
      lines.push(
        `| ${cell(`${result.id} ${result.title}`)} | ${cell(r.name)} | ${number(r.value)} | ` +
          `${targetText(r)} | ${verdict(r)} |`,
      )
    }
  }
  lines.push(
    '',
    '| Benchmark | Measure | Median | Min | Max | Unit |',
    '|---|---|---:|---:|---:|---|',
  )
  for (const result of results) {
    for (const row of result.rows) {
      lines.push(
        `| ${cell(result.id)} | ${cell(row.name)} | ${number(row.median)} | ${number(row.min)} | ` +
          `${number(row.max)} | ${cell(row.unit)} |`,
      )
    }
  }
  lines.push('')
  for (const result of results) {
    lines.push(`- **${result.id} ${result.title}**: ${result.setup}.`)
    for (const note of result.notes ?? []) lines.push(`  ${note}`)
  }
  return lines.join('\n')
}
