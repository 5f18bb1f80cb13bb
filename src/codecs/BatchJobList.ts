// One page of the batch job list.
import * as t from 'io-ts'
import { BatchJob } from './BatchJob.js'
import { withDefault } from './withDefault.js'

/** A page of jobs: `data` (the spec's default `[]` when absent), `total` across all pages. */
export const BatchJobList = t.intersection(
  [
    t.type({ data: withDefault(t.array(BatchJob), []), total: t.number }),
    t.partial({ object: t.string }),
  ],
  'BatchJobList',
)
export type BatchJobList = t.TypeOf<typeof BatchJobList>
