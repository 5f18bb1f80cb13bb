// The moderation verdict for one input.
import * as t from 'io-ts'

/** Per category: whether it was flagged (`categories`) and its score (`category_scores`). */
export const ModerationObject = t.partial(
  {
    categories: t.record(t.string, t.boolean),
    category_scores: t.record(t.string, t.number),
  },
  'ModerationObject',
)
/** Per category: whether it was flagged (`categories`) and its score (`category_scores`). */
export type ModerationObject = t.TypeOf<typeof ModerationObject>
