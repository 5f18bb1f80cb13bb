// toEither: typed failures become a final Left; bugs still error.
import * as E from 'fp-ts/Either'
import { TestScheduler } from 'rxjs/testing'
import { BatchJobEndedError } from '../../src/errors/BatchJobEndedError.js'
import { HttpError } from '../../src/errors/HttpError.js'
import { NoResultError } from '../../src/errors/NoResultError.js'
import { TimeoutError } from '../../src/errors/TimeoutError.js'
import { toEither } from '../../src/operators/toEither.js'
import { succeededJob } from '../support/batchJobBody.js'

describe('toEither', () => {
  let testScheduler: TestScheduler
  beforeEach(() => {
    testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
  })

  it('wraps each value in Right and keeps completion', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b|').pipe(toEither())).toBe('-r-s|', {
        r: E.right('a'),
        s: E.right('b'),
      })
    })
  })

  it('turns a MistralBatchError into a final Left, then completes', () => {
    const notFound = new HttpError({ status: 404, method: 'GET', url: 'https://api.test/x' })
    const slow = new TimeoutError('slow')
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-#', { a: 1 }, notFound).pipe(toEither())).toBe('-r-(l|)', {
        r: E.right(1),
        l: E.left(notFound),
      })
      expectObservable(cold('#', undefined, slow).pipe(toEither())).toBe('(l|)', {
        l: E.left(slow),
      })
    })
  })

  it("catches the batcher's failures too: a job that ended, a request without a result", () => {
    const ended = new BatchJobEndedError(
      succeededJob('6a3f0c1e-7d4b-4c2a-9e8f-1b2c3d4e5f60', { status: 'FAILED' }),
    )
    const missing = new NoResultError({ customId: 'r-7' })
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('#', undefined, ended).pipe(toEither())).toBe('(l|)', {
        l: E.left(ended),
      })
      expectObservable(cold('#', undefined, missing).pipe(toEither())).toBe('(l|)', {
        l: E.left(missing),
      })
    })
  })

  it('lets any other error through as an error', () => {
    const bug = new TypeError('x is undefined')
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-#', { a: 1 }, bug).pipe(toEither())).toBe(
        '-r-#',
        { r: E.right(1) },
        bug,
      )
    })
  })
})
