// toEither: typed failures become a final Left; bugs still error.
import * as E from 'fp-ts/Either'
import { TestScheduler } from 'rxjs/testing'
import { HttpError } from '../../src/errors/HttpError.js'
import { TimeoutError } from '../../src/errors/TimeoutError.js'
import { toEither } from '../../src/operators/toEither.js'

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
