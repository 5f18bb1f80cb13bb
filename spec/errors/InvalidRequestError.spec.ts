// InvalidRequestError: a request refused before sending, naming the field.
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'

describe('InvalidRequestError', () => {
  it('carries its message, field and tag', () => {
    const error = new InvalidRequestError('jobId must be a UUID', { field: 'jobId' })
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      _tag: 'InvalidRequestError',
      name: 'InvalidRequestError',
      field: 'jobId',
    })
    expect(error.stack).toMatch(/^InvalidRequestError: jobId must be a UUID/)
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      _tag: 'InvalidRequestError',
      name: 'InvalidRequestError',
      message: 'jobId must be a UUID',
      field: 'jobId',
    })
  })

  it('has no field unless given', () => {
    expect(new InvalidRequestError('bad').field).toBeUndefined()
  })
})
