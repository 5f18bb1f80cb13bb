// Token usage of a chat, FIM or embeddings response.
import * as t from 'io-ts'

/** Tokens used: prompt, completion and total (required); audio seconds and service tier when sent. */
export const UsageInfo = t.intersection(
  [
    t.type({ prompt_tokens: t.number, completion_tokens: t.number, total_tokens: t.number }),
    t.partial({
      prompt_audio_seconds: t.union([t.number, t.null]),
      service_tier: t.union([t.string, t.null]),
    }),
  ],
  'UsageInfo',
)
/** Tokens used: prompt, completion and total (required); audio seconds and service tier when sent. */
export type UsageInfo = t.TypeOf<typeof UsageInfo>
