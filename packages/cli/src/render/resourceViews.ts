// How jobs and files read on screen: aligned tables of them, and the fields of one.
import type { BatchJob, FileObject } from 'mistral-batch-rx'
import { formatBytes, formatUnixTime } from './formatUnits.js'

/**
 * The rows as lines under a header, each column as wide as its widest cell, separated by two
 * spaces, the `rightAligned` columns (numbers) on the right; trailing spaces trimmed. No rows
 * gives just the header.
 */
const formatTable = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  rightAligned: ReadonlyArray<string> = [],
): string[] => {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: ReadonlyArray<string>): string =>
    headers
      .map((header, i) => {
        const pad = rightAligned.includes(header) ? 'padStart' : 'padEnd'
        return (cells[i] ?? '')[pad](widths[i] ?? 0)
      })
      .join('  ')
      .trimEnd()
  return [line(headers), ...rows.map(line)]
}

/** Each field as a `name: value` line, the values lined up. */
export const formatFields = (fields: ReadonlyArray<readonly [string, string]>): string[] => {
  const width = Math.max(...fields.map(([name]) => name.length)) + 1
  return fields.map(([name, value]) => `${`${name}:`.padEnd(width)} ${value}`)
}

/** The value as text, or `-` when there is none. */
const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '-' : String(value)

/** The jobs as a table with a header line. */
export const formatJobTable = (jobs: ReadonlyArray<BatchJob>): string[] =>
  formatTable(
    ['ID', 'STATUS', 'ENDPOINT', 'MODEL', 'DONE', 'SUCCEEDED', 'FAILED', 'CREATED'],
    jobs.map((job) => [
      job.id,
      job.status,
      job.endpoint,
      job.model ?? job.agent_id ?? '-',
      `${job.completed_requests}/${job.total_requests}`,
      String(job.succeeded_requests),
      String(job.failed_requests),
      formatUnixTime(job.created_at),
    ]),
    ['DONE', 'SUCCEEDED', 'FAILED'],
  )

/** Every field of a job, one `name: value` line each. */
export const formatJobDetail = (job: BatchJob): string[] =>
  formatFields([
    ['id', job.id],
    ['status', job.status],
    ['endpoint', job.endpoint],
    ['model', orDash(job.model)],
    ['agent', orDash(job.agent_id)],
    ['input files', job.input_files.length === 0 ? '- (inline)' : job.input_files.join(', ')],
    ['output file', orDash(job.output_file)],
    ['error file', orDash(job.error_file)],
    [
      'requests',
      `${job.completed_requests}/${job.total_requests} done, ` +
        `${job.succeeded_requests} succeeded, ${job.failed_requests} failed`,
    ],
    ['created', formatUnixTime(job.created_at)],
    ['started', formatUnixTime(job.started_at)],
    ['completed', formatUnixTime(job.completed_at)],
    ['metadata', Object.keys(job.metadata ?? {}).length === 0 ? '-' : JSON.stringify(job.metadata)],
    ...job.errors.map((error) => ['error', `${error.message} (x${error.count})`] as const),
  ])

/** The files as a table with a header line. */
export const formatFileTable = (files: ReadonlyArray<FileObject>): string[] =>
  formatTable(
    ['ID', 'FILENAME', 'PURPOSE', 'TYPE', 'SIZE', 'LINES', 'CREATED'],
    files.map((file) => [
      file.id,
      file.filename,
      file.purpose,
      file.sample_type,
      formatBytes(file.bytes),
      orDash(file.num_lines),
      formatUnixTime(file.created_at),
    ]),
    ['SIZE', 'LINES'],
  )

/** Every field of a file, one `name: value` line each. */
export const formatFileDetail = (file: FileObject): string[] =>
  formatFields([
    ['id', file.id],
    ['filename', file.filename],
    ['purpose', file.purpose],
    ['type', file.sample_type],
    ['source', file.source],
    ['size', file.bytes === null ? '-' : `${formatBytes(file.bytes)} (${file.bytes} bytes)`],
    ['lines', orDash(file.num_lines)],
    ['mimetype', file.mimetype ?? '-'],
    ['created', formatUnixTime(file.created_at)],
    ['expires', formatUnixTime(file.expires_at)],
  ])
