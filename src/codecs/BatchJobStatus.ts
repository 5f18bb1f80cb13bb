// The status of a batch job: an open enum, so an unknown future status still decodes.
import * as t from 'io-ts'
import { openEnum } from './combinators.js'

/** Every status the API documents, in lifecycle order. */
export const BATCH_JOB_STATUSES = [
  'QUEUED',
  'RUNNING',
  'SUCCESS',
  'FAILED',
  'TIMEOUT_EXCEEDED',
  'CANCELLATION_REQUESTED',
  'CANCELLED',
] as const

/** The statuses after which a job never changes again. */
export const TERMINAL_STATUSES = ['SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', 'CANCELLED'] as const

/** A batch job status: one of `BATCH_JOB_STATUSES` or any other string. */
export const BatchJobStatus = openEnum('BatchJobStatus', BATCH_JOB_STATUSES)
export type BatchJobStatus = t.TypeOf<typeof BatchJobStatus>

/** A status in `TERMINAL_STATUSES`; unknown statuses are not terminal, so a watcher keeps polling. */
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number]

/** Whether a job with this status is finished (unknown statuses are not). */
export const isTerminalStatus = (status: BatchJobStatus): status is TerminalStatus =>
  (TERMINAL_STATUSES as ReadonlyArray<string>).includes(status)
