// A decoded BatchJob for the CLI's unit specs.
import * as E from 'fp-ts/Either'
import { BatchJob } from '../../../../src'
import { batchJobBody } from '../../../../spec/support/batchJobBody'

/** A valid job, decoded by the client's own codec, with `overrides` applied. */
export const sampleJob = (overrides: Record<string, unknown> = {}): BatchJob => {
  const decoded = BatchJob.decode(batchJobBody(overrides))
  if (E.isLeft(decoded)) throw new Error('sampleJob: the overrides do not make a BatchJob')
  return decoded.right
}
