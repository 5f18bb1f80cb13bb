// The options of results$: defaults filled in, out-of-range values named.
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { resolveResultsOptions } from '../../src/batch/resultsOptions.js'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'

const leftOf = (either: E.Either<InvalidRequestError, unknown>): InvalidRequestError => {
  if (E.isRight(either)) throw new Error('expected a Left')
  return either.left
}

describe('resolveResultsOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveResultsOptions()).toEqual(
      E.right({
        include: 'all',
        wait: false,
        watch: {},
        body: undefined,
        content: undefined,
        idleTimeoutMs: undefined,
        maxResumes: 5,
        signal: undefined,
      }),
    )
  })

  it('keeps what is given', () => {
    const signal = new AbortController().signal
    const options = {
      include: 'errors',
      wait: true,
      watch: { intervalMs: 5 },
      body: t.string,
      content: t.number,
      idleTimeoutMs: 10,
      maxResumes: 0,
      signal,
    } as const
    expect(resolveResultsOptions(options)).toEqual(E.right(options))
  })

  it.each([
    [{ include: 'both' }, 'include', "include must be 'all', 'outputs' or 'errors', got both"],
    [{ maxResumes: -1 }, 'maxResumes', 'maxResumes must be an integer >= 0, got -1'],
    [{ maxResumes: 1.5 }, 'maxResumes', 'maxResumes must be an integer >= 0, got 1.5'],
    [{ body: {} }, 'body', 'body must be an io-ts decoder'],
    [{ content: 'json' }, 'content', 'content must be an io-ts decoder'],
  ])('refuses %j, naming %s', (options, field, reason) => {
    const error = leftOf(resolveResultsOptions(options as never))
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.field).toBe(field)
    expect(error.message).toBe(`results$: ${reason}`)
  })
})
