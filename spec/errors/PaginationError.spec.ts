// PaginationError: a listing stopped because it would never end, with the page and the reason.
import { PaginationError } from '../../src/errors/PaginationError.js'

describe('PaginationError', () => {
  const message =
    'GET https://api.test/v1/batch/jobs?page_size=100: page 3 brought no new item; ' +
    'the server seems to ignore `page`, stopping'
  const init = {
    method: 'GET',
    url: 'https://api.test/v1/batch/jobs?page_size=100',
    page: 3,
    reason: 'repeated-page',
  } as const

  it('carries the listing, the page and the reason', () => {
    const error = new PaginationError(message, init)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      _tag: 'PaginationError',
      name: 'PaginationError',
      message,
      ...init,
    })
  })

  it('serializes its safe fields only', () => {
    const error = new PaginationError(message, init)
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      _tag: 'PaginationError',
      name: 'PaginationError',
      message,
      ...init,
    })
  })
})
