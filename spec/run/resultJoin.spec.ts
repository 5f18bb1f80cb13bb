// The result join: first results, duplicates, unexpected and unreadable lines, and the summary.
import * as E from 'fp-ts/Either'
import type { ResultLine, ResultLineEither } from '../../src/batch/resultLine'
import { ResultLineError } from '../../src/errors/ResultLineError'
import { CustomIdRegistry } from '../../src/jsonl/customIdRegistry'
import { ResultJoin } from '../../src/run/resultJoin'
import { usageOfLines } from '../support/usageOfLines'

const line = (custom_id: string | null, failed = false): ResultLineEither =>
  E.right({
    custom_id,
    response: {
      status_code: failed ? 422 : 200,
      body: { model: 'small', usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 } },
    },
    error: null,
    source: 'output',
    fileId: null,
    lineNumber: 1,
    failed,
  } as ResultLine)

const unreadable: ResultLineEither = E.left(
  new ResultLineError({
    source: 'output',
    fileId: null,
    lineNumber: 3,
    reason: 'invalid-json',
    excerpt: '{',
    detail: 'not JSON',
  }),
)

const registryOf = (...ids: Array<string | undefined>): CustomIdRegistry => {
  const registry = new CustomIdRegistry()
  ids.forEach((id, index) => registry.add(index, id))
  return registry
}

describe('ResultJoin', () => {
  it('matches each line to its request and sums up the run', () => {
    const join = new ResultJoin(registryOf(undefined, 'b', undefined))
    expect(join.record(line('b'))).toEqual({ custom_id: 'b', index: 1, match: 'first' })
    expect(join.record(line('0', true))).toEqual({ custom_id: '0', index: 0, match: 'first' })
    expect(join.record(line('b'))).toEqual({ custom_id: 'b', index: 1, match: 'duplicate' })
    expect(join.record(line('zzz'))).toEqual({
      custom_id: 'zzz',
      index: undefined,
      match: 'unexpected',
    })
    expect(join.record(line(null))).toEqual({
      custom_id: null,
      index: undefined,
      match: 'unexpected',
    })
    expect(join.record(unreadable)).toEqual({
      custom_id: null,
      index: undefined,
      match: 'unreadable',
    })
    expect(join.summary(3)).toEqual({
      // every succeeded line was billed, a duplicate or unexpected one too
      usage: usageOfLines([line('b'), line('b'), line('zzz'), line(null)]),
      total: 3,
      received: 6,
      succeeded: 1,
      failed: 1,
      unreadable: 1,
      missing: ['2'],
      unexpected: ['zzz', null],
      duplicates: ['b'],
      idsKnown: true,
    })
  })

  it('matches a line whose answer did not fit its codec to its request, counting it unreadable', () => {
    const join = new ResultJoin(registryOf('a', 'b'))
    const misfit = (customId: string): ResultLineEither =>
      E.left(
        new ResultLineError({
          source: 'output',
          fileId: null,
          lineNumber: 1,
          reason: 'content',
          excerpt: '{',
          detail: 'choices[0].message.content is not JSON',
          customId,
        }),
      )
    expect(join.record(misfit('a'))).toEqual({ custom_id: 'a', index: 0, match: 'first' })
    expect(join.record(misfit('zzz')).match).toBe('unexpected')
    expect(join.record(line('a')).match).toBe('duplicate')
    expect(join.summary(2)).toMatchObject({
      succeeded: 0,
      unreadable: 2,
      missing: ['b'],
      unexpected: ['zzz'],
      duplicates: ['a'],
    })
  })

  it('prices the usage with the pricing it was given', () => {
    const join = new ResultJoin(undefined, {
      priceOf: (model) =>
        model === 'small' ? { inputPerMTok: 1e6, outputPerMTok: 2e6 } : undefined,
      batchDiscount: 0.5,
    })
    join.record(line('x'))
    expect(join.summary(1).estimatedCost).toEqual({
      total: (2 * 1 + 3 * 2) / 2,
      byModel: { small: (2 * 1 + 3 * 2) / 2 },
      unpriced: [],
      batchDiscount: 0.5,
    })
    expect(new ResultJoin(undefined).summary(0)).not.toHaveProperty('estimatedCost')
  })

  it('without the ids sent, tells only first results from duplicates', () => {
    const join = new ResultJoin(undefined)
    expect(join.record(line('x')).match).toBe('first')
    expect(join.record(line('x')).match).toBe('duplicate')
    expect(join.record(line('y')).match).toBe('first')
    expect(join.summary(5)).toMatchObject({
      total: 5,
      succeeded: 2,
      missing: [],
      duplicates: ['x'],
      idsKnown: false,
    })
  })
})
