import * as t from 'io-ts'
import { BatchJob } from './BatchJob.js'
import { withDefault } from './combinators.js'

/** A page of the job list: `data` (the spec's default `[]` when absent), `total` across all pages. */
export const BatchJobList = t.intersection(
  [
    t.type({ data: withDefault(t.array(BatchJob), []), total: t.number }),
    t.partial({ object: t.string }),
  ],
  'BatchJobList',
)
export type BatchJobList = t.TypeOf<typeof BatchJobList>
