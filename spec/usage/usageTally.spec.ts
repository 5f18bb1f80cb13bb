// Usage summed over result lines: per model, every endpoint's usage fields, failed lines left out.
import * as E from 'fp-ts/Either'
import type { ResultLine, ResultLineEither } from '../../src/batch/resultLine'
import { ResultLineError } from '../../src/errors/ResultLineError'
import { UNKNOWN_MODEL, UsageTally } from '../../src/usage/usageTally'

const lineOf = (body: unknown, status = 200): ResultLineEither =>
  E.right({
    custom_id: 'x',
    response: { status_code: status, body },
    error: null,
    source: 'output',
    fileId: null,
    lineNumber: 1,
    failed: status !== 200,
  } as ResultLine)

const chat = (model: string, prompt: number, completion: number) =>
  lineOf({
    model,
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
    },
  })

const unreadable: ResultLineEither = E.left(
  new ResultLineError({
    source: 'output',
    fileId: null,
    lineNumber: 2,
    reason: 'invalid-json',
    excerpt: '{',
    detail: 'not JSON',
  }),
)

const counts = (
  requests: number,
  prompt: number,
  completion: number,
  total: number,
  pages = 0,
) => ({
  requests,
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: total,
  pages_processed: pages,
})

const tallyOf = (lines: ResultLineEither[]) => {
  const tally = new UsageTally()
  for (const line of lines) tally.add(line)
  return tally.totals()
}

describe('UsageTally', () => {
  it('sums prompt, completion and total tokens per model and in all', () => {
    expect(tallyOf([chat('small', 10, 5), chat('large', 7, 3), chat('small', 1, 2)])).toEqual({
      total: counts(3, 18, 10, 28),
      byModel: { small: counts(2, 11, 7, 18), large: counts(1, 7, 3, 10) },
    })
  })

  it('counts neither failed nor unreadable lines', () => {
    const failed = lineOf({ model: 'small', usage: { prompt_tokens: 99, total_tokens: 99 } }, 429)
    expect(tallyOf([failed, unreadable, chat('small', 1, 1)])).toEqual({
      total: counts(1, 1, 1, 2),
      byModel: { small: counts(1, 1, 1, 2) },
    })
  })

  it("reads each endpoint's usage: embeddings without completion, OCR pages, none at all", () => {
    const embeddings = lineOf({ model: 'embed', usage: { prompt_tokens: 12, total_tokens: 12 } })
    const ocr = lineOf({ model: 'ocr', pages: [], usage_info: { pages_processed: 3 } })
    const moderation = lineOf({ id: 'm', model: 'moderation', results: [] })
    const conversation = lineOf({
      conversation_id: 'c',
      outputs: [],
      usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 },
    })
    expect(tallyOf([embeddings, ocr, moderation, conversation]).byModel).toEqual({
      embed: counts(1, 12, 0, 12),
      ocr: counts(1, 0, 0, 0, 3),
      moderation: counts(1, 0, 0, 0),
      [UNKNOWN_MODEL]: counts(1, 4, 6, 10),
    })
  })

  it('takes prompt + completion for a line without total_tokens, and ignores what is not a number', () => {
    const noTotal = lineOf({ model: 'm', usage: { prompt_tokens: 3, completion_tokens: 4 } })
    const odd = lineOf({ model: 'm', usage: { prompt_tokens: '5', completion_tokens: Infinity } })
    expect(tallyOf([noTotal, odd]).total).toEqual(counts(2, 3, 4, 7))
  })

  it('keeps a model named __proto__ as a key like any other', () => {
    const totals = tallyOf([chat('__proto__', 1, 1)])
    expect(Object.keys(totals.byModel)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(totals.byModel)).toBe(Object.prototype)
  })

  it('hands out copies: later lines do not change totals taken before', () => {
    const tally = new UsageTally()
    tally.add(chat('small', 1, 1))
    const before = tally.totals()
    tally.add(chat('small', 1, 1))
    expect(before.total.requests).toBe(1)
    expect(before.byModel.small?.requests).toBe(1)
    expect(tally.totals().total.requests).toBe(2)
  })
})
