// The report printed when a run ends: each job's status, the counts, where results went, the tokens.
import type { BatchJob, RunSummary } from 'mistral-batch-rx'
import type { ResultWriter } from '../output/resultWriter.js'
import { plural } from './formatUnits.js'
import { formatUsage } from './usageSummary.js'

/** custom_ids listed in a summary line; the rest are counted. */
const SHOWN_IDS = 10

const idList = (ids: ReadonlyArray<string | null>): string => {
  const shown = ids.slice(0, SHOWN_IDS).map((id) => (id === null ? '(none)' : id))
  const more = ids.length > SHOWN_IDS ? `, and ${ids.length - SHOWN_IDS} more` : ''
  return `${shown.join(', ')}${more}`
}

/** `Job <id> SUCCESS: 9 succeeded, 1 failed of 10`. */
export const jobOutcome = (job: BatchJob): string =>
  `Job ${job.id} ${job.status}: ${job.succeeded_requests} succeeded, ` +
  `${job.failed_requests} failed of ${job.total_requests}`

/** The summary of a finished run, one line each. */
export const formatRunSummary = (
  jobs: ReadonlyArray<BatchJob>,
  summary: RunSummary,
  sinks: Pick<ResultWriter, 'outputs' | 'errors'>,
): string[] => {
  const lines = jobs.map(jobOutcome)
  // Without the sent ids (resume), the missing requests are only counted, not named.
  const missing = summary.idsKnown
    ? summary.missing.length
    : Math.max(0, summary.total - summary.succeeded - summary.failed)
  lines.push(
    `${plural(summary.total, 'request')}: ${summary.succeeded} succeeded, ` +
      `${summary.failed} failed, ${missing} missing`,
  )
  if (summary.retried !== undefined && summary.attempts !== undefined) {
    lines.push(
      `Retried: ${plural(summary.retried, 'request')}, ${plural(summary.attempts, 'request')} ` +
        'sent in all',
    )
  }
  lines.push(`Results: ${plural(sinks.outputs.lines, 'line')} in ${sinks.outputs.name}`)
  if (sinks.errors !== sinks.outputs && sinks.errors.lines > 0) {
    lines.push(`Errors: ${plural(sinks.errors.lines, 'line')} in ${sinks.errors.name}`)
  }
  lines.push(...formatUsage(summary))
  const idLines = [
    ['Missing: no result for custom_id', summary.missing],
    ['Unexpected: results for custom_ids never sent:', summary.unexpected],
    ['Duplicates: more than one result for', summary.duplicates],
  ] as const
  for (const [what, ids] of idLines) if (ids.length > 0) lines.push(`${what} ${idList(ids)}`)
  if (summary.unreadable > 0) {
    lines.push(`Unreadable: ${plural(summary.unreadable, 'result line')} could not be read`)
  }
  return lines
}

/**
 * Whether a run ended the way it should: nothing failed or missing, and every job `SUCCESS`
 * (with retries, a job of an earlier round may have failed: its requests went again).
 */
export const runSucceeded = (jobs: ReadonlyArray<BatchJob>, summary: RunSummary): boolean =>
  (summary.retried !== undefined || jobs.every((job) => job.status === 'SUCCESS')) &&
  summary.failed === 0 &&
  summary.missing.length === 0 &&
  summary.unreadable === 0 &&
  summary.succeeded === summary.total
