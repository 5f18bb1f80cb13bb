// Why the model stopped: an open enum, new reasons decode.
import * as t from 'io-ts'
import { openEnum } from '../openEnum.js'

/** Every finish reason the spec lists. */
export const FINISH_REASONS = ['stop', 'length', 'model_length', 'error', 'tool_calls'] as const

/** A finish reason: one of `FINISH_REASONS` or any other string. */
export const FinishReason = openEnum('FinishReason', FINISH_REASONS)
/** A finish reason: one of `FINISH_REASONS` or any other string. */
export type FinishReason = t.TypeOf<typeof FinishReason>
