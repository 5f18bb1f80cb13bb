// The result join: first results, duplicates, unexpected and unreadable lines, and the summary.
import * as E from 'fp-ts/Either'
import type { ResultLine, ResultLineEither } from '../../src/batch/resultLine'
import { ResultLineError } from '../../src/errors/ResultLineError'
import { CustomIdRegistry } from '../../src/jsonl/customIdRegistry'
import { ResultJoin } from '../../src/run/resultJoin'

const line = (custom_id: string | null, failed = false): ResultLineEither =>
  E.right({
    custom_id,
    response: { status_code: failed ? 422 : 200, body: {} },
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
