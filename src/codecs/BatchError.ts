import * as t from 'io-ts'
import { withDefault } from './combinators.js'

/** An entry of `BatchJob.errors`: its `message`, and `count` (the spec's default 1 when absent). */
export const BatchError = t.type(
  { message: t.string, count: withDefault(t.number, 1) },
  'BatchError',
)
export type BatchError = t.TypeOf<typeof BatchError>
