// How jobs read on screen: a row of the jobs table, and the detailed view of one job.
import type { BatchJob } from '../../index.js'
import { formatUnixTime } from './formatUnits.js'
import { formatTable, type TableColumn } from './table.js'

const JOB_COLUMNS: ReadonlyArray<TableColumn> = [
  { header: 'ID' },
  { header: 'STATUS' },
  { header: 'ENDPOINT' },
  { header: 'MODEL' },
  { header: 'DONE', align: 'right' },
  { header: 'SUCCEEDED', align: 'right' },
  { header: 'FAILED', align: 'right' },
  { header: 'CREATED' },
]

const jobRow = (job: BatchJob): string[] => [
  job.id,
  job.status,
  job.endpoint,
  job.model ?? job.agent_id ?? '-',
  `${job.completed_requests}/${job.total_requests}`,
  String(job.succeeded_requests),
  String(job.failed_requests),
  formatUnixTime(job.created_at),
]

/** The jobs as a table with a header line. */
export const formatJobTable = (jobs: ReadonlyArray<BatchJob>): string[] =>
  formatTable(JOB_COLUMNS, jobs.map(jobRow))

const orDash = (value: string | null | undefined): string =>
  value === null || value === undefined || value === '' ? '-' : value

/** Every field of a job, one `name: value` line each. */
export const formatJobDetail = (job: BatchJob): string[] => {
  const fields: Array<[string, string]> = [
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
    [
      'metadata',
      job.metadata === null || job.metadata === undefined || Object.keys(job.metadata).length === 0
        ? '-'
        : JSON.stringify(job.metadata),
    ],
  ]
  for (const error of job.errors) fields.push(['error', `${error.message} (x${error.count})`])
  const width = Math.max(...fields.map(([name]) => name.length)) + 1
  return fields.map(([name, value]) => `${`${name}:`.padEnd(width)} ${value}`)
}
