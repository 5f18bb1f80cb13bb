// Token usage summed over result lines as they stream, per model: the cheap part of every line.
import * as E from 'fp-ts/Either'
import type { ResultLineEither } from '../batch/resultLine.js'
import { isRecord } from '../fp/either.js'

/** What the succeeded result lines of one model (or of all) used, in the wire's names. */
export interface UsageCounts {
  /** Succeeded result lines counted (with or without a `usage`). */
  readonly requests: number
  /** `usage.prompt_tokens` summed. */
  readonly prompt_tokens: number
  /** `usage.completion_tokens` summed (0 for embeddings, which send none or 0). */
  readonly completion_tokens: number
  /** `usage.total_tokens` summed (prompt + completion for a line that sends no total). */
  readonly total_tokens: number
  /** `usage_info.pages_processed` summed: the pages of OCR answers. */
  readonly pages_processed: number
}

/** Usage over a stream of result lines: all models together, and each one alone. */
export interface UsageTotals {
  /** Every model together. */
  readonly total: UsageCounts
  /** By the `model` of each response body; a body without one counts as `UNKNOWN_MODEL`. */
  readonly byModel: Readonly<Record<string, UsageCounts>>
}

/** The model a succeeded line is counted under when its body names none (conversations do not). */
export const UNKNOWN_MODEL = '(unknown)'

type Counts = { -readonly [K in keyof UsageCounts]: number }

const zero = (): Counts => ({
  requests: 0,
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
  pages_processed: 0,
})

const count = (u: unknown): number => (typeof u === 'number' && Number.isFinite(u) ? u : 0)

const addTo = (
  counts: Counts,
  prompt: number,
  completion: number,
  total: number,
  pages: number,
) => {
  counts.requests++
  counts.prompt_tokens += prompt
  counts.completion_tokens += completion
  counts.total_tokens += total
  counts.pages_processed += pages
}

/**
 * Sums the usage of the succeeded lines it is given. A line costs a few property reads on the
 * body already decoded (no parse, no copy): `model`, then `usage` (chat, FIM, embeddings,
 * conversations, transcriptions) and `usage_info` (OCR); moderations and classifications send
 * neither, so they count as requests only. Failed and unreadable lines are not counted.
 */
export class UsageTally {
  private readonly all = zero()
  private readonly models = new Map<string, Counts>()

  /** Counts one line. */
  add<B, C>(line: ResultLineEither<B, C>): void {
    if (E.isLeft(line) || line.right.failed) return
    const body: unknown = line.right.response.body
    const fields = isRecord(body) ? body : {}
    const model = typeof fields.model === 'string' ? fields.model : UNKNOWN_MODEL
    let counts = this.models.get(model)
    if (counts === undefined) this.models.set(model, (counts = zero()))
    const { usage, usage_info: info } = fields
    let prompt = 0
    let completion = 0
    let total = 0
    if (isRecord(usage)) {
      prompt = count(usage.prompt_tokens)
      completion = count(usage.completion_tokens)
      total =
        typeof usage.total_tokens === 'number' ? count(usage.total_tokens) : prompt + completion
    }
    const pages = isRecord(info) ? count(info.pages_processed) : 0
    addTo(counts, prompt, completion, total, pages)
    addTo(this.all, prompt, completion, total, pages)
  }

  /** A copy of the totals so far. */
  totals(): UsageTotals {
    // fromEntries defines each key, so a model named `__proto__` stays a key like any other
    const byModel = Object.fromEntries(
      [...this.models].map(([model, counts]) => [model, { ...counts }]),
    )
    return { total: { ...this.all }, byModel }
  }
}
