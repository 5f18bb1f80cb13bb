import * as t from 'io-ts'

/** Per category: whether it was flagged (`categories`) and its score (`category_scores`). */
export const ModerationObject = t.partial(
  {
    categories: t.record(t.string, t.boolean),
    category_scores: t.record(t.string, t.number),
  },
  'ModerationObject',
)
export type ModerationObject = t.TypeOf<typeof ModerationObject>

/** Moderation: `id`, `model` and one `results` entry per input. */
export const ModerationResponse = t.type(
  { id: t.string, model: t.string, results: t.array(ModerationObject) },
  'ModerationResponse',
)
export type ModerationResponse = t.TypeOf<typeof ModerationResponse>
