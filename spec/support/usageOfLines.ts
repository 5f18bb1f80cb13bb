// The expected usage of result lines, summed here line by line as a test oracle.
import * as E from 'fp-ts/Either'
import type { ResultLineEither } from '../../src/batch/resultLine'
import type { UsageCounts, UsageTotals } from '../../src/usage/usageTally'

type Counts = { -readonly [K in keyof UsageCounts]: number }
type WireBody = {
  model?: string
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number }
  usage_info?: { pages_processed?: number }
}

const zero = (): Counts => ({
  requests: 0,
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
  pages_processed: 0,
})

/** The usage of the succeeded lines among `lines`, as the wire's fields say, per model. */
export const usageOfLines = <B, C>(lines: ReadonlyArray<ResultLineEither<B, C>>): UsageTotals => {
  const total = zero()
  const byModel: Record<string, Counts> = {}
  for (const line of lines) {
    if (E.isLeft(line) || line.right.failed) continue
    const body = line.right.response.body as WireBody
    const model = (byModel[body.model ?? '(unknown)'] ??= zero())
    for (const counts of [total, model]) {
      counts.requests += 1
      counts.prompt_tokens += body.usage?.prompt_tokens ?? 0
      counts.completion_tokens += body.usage?.completion_tokens ?? 0
      counts.total_tokens += body.usage?.total_tokens ?? 0
      counts.pages_processed += body.usage_info?.pages_processed ?? 0
    }
  }
  return { total, byModel }
}
