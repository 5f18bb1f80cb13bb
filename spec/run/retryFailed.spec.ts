// The retryFailed option: its checks, its default, and the round tag of a job's metadata.
import * as E from 'fp-ts/Either'
import { isRetryableResult } from '../../src/codecs/isRetryableResult'
import { attemptTag, jobRoundOf, resolveRetryFailed } from '../../src/run/retryFailed'

describe('resolveRetryFailed', () => {
  it('defaults when to isRetryableResult and leaves no option as no retries', () => {
    expect(resolveRetryFailed({ maxAttempts: 2 }, 'runBatch$')).toEqual(
      E.right({ maxAttempts: 2, when: isRetryableResult }),
    )
    expect(resolveRetryFailed(undefined, 'runBatch$')).toEqual(E.right(undefined))
  })

  it('names the operation and the field of a bad value', () => {
    const checked = resolveRetryFailed({ maxAttempts: 0 }, 'resumeBatch$')
    expect(E.isLeft(checked) && [checked.left.field, checked.left.message]).toEqual([
      'retryFailed.maxAttempts',
      'resumeBatch$: retryFailed.maxAttempts must be an integer in 1..10 (attempts in all, the first included)',
    ])
  })
})

describe('the round tag', () => {
  it('reads back what it writes', () => {
    const round = { attempt: 3, shard: 4, shards: 12 }
    expect(attemptTag(round)).toBe('3:4/12')
    expect(jobRoundOf({ batch_attempt: attemptTag(round) })).toEqual(round)
  })

  it.each([
    [null],
    [{}],
    [{ batch_attempt: 2 }],
    [{ batch_attempt: '2:3/3' }],
    [{ batch_attempt: '0:0/1' }],
    [{ batch_attempt: '2:01/3' }],
  ])('finds no round in %j', (metadata) => {
    expect(jobRoundOf(metadata)).toBeUndefined()
  })
})
