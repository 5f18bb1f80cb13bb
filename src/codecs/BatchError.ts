// One entry of BatchJob.errors: why (part of) a job could not be processed.
import * as t from 'io-ts'
import { withDefault } from './withDefault.js'

/** An error of a batch job: `message`, and `count` (the spec's default 1 when absent). */
export const BatchError = t.type(
  { message: t.string, count: withDefault(t.number, 1) },
  'BatchError',
)
export type BatchError = t.TypeOf<typeof BatchError>
