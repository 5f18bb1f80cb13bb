// The kind of content of a file; batch inputs, outputs and error files each have their own.
import * as t from 'io-ts'
import { openEnum } from './combinators.js'

/** Every sample type the spec lists. */
export const SAMPLE_TYPES = [
  'pretrain',
  'instruct',
  'batch_request',
  'batch_result',
  'batch_error',
] as const

/** A sample type: one of `SAMPLE_TYPES` or any other string. */
export const SampleType = openEnum('SampleType', SAMPLE_TYPES)
export type SampleType = t.TypeOf<typeof SampleType>
