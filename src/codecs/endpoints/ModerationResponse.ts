// The body of a /v1/moderations or /v1/chat/moderations result.
import * as t from 'io-ts'
import { ModerationObject } from './ModerationObject.js'

/** Moderation: `id`, `model` and one `results` entry per input. */
export const ModerationResponse = t.type(
  { id: t.string, model: t.string, results: t.array(ModerationObject) },
  'ModerationResponse',
)
/** Moderation: `id`, `model` and one `results` entry per input. */
export type ModerationResponse = t.TypeOf<typeof ModerationResponse>
