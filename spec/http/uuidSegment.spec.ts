// uuidSegment: ids validated before they go into a path.
import * as E from 'fp-ts/Either'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import { uuidSegment } from '../../src/http/uuidSegment.js'

const message = (result: E.Either<InvalidRequestError, string>): string =>
  E.isLeft(result) ? result.left.message : `accepted ${result.right}`

describe('uuidSegment', () => {
  it('accepts a UUID in either case', () => {
    expect(uuidSegment('jobId', '0B5F5A43-8a5e-4d5b-9f5c-2a3c8f6e1d10')).toEqual(
      E.right('0B5F5A43-8a5e-4d5b-9f5c-2a3c8f6e1d10'),
    )
  })

  it('rejects an empty or missing id, naming the field', () => {
    expect(message(uuidSegment('jobId', ''))).toBe(
      'jobId must be a non-empty string: an id as Mistral returned it',
    )
    expect(message(uuidSegment('fileId', undefined))).toBe(
      'fileId must be a non-empty string: an id as Mistral returned it',
    )
    const result = uuidSegment('jobId', '')
    expect(E.isLeft(result) && result.left).toBeInstanceOf(InvalidRequestError)
    expect(E.isLeft(result) && result.left.field).toBe('jobId')
  })

  it('rejects what is not a UUID without echoing it', () => {
    expect(message(uuidSegment('jobId', '../secret'))).toBe(
      'jobId must be a UUID such as 0b3c1e52-7c1f-4f37-9d0e-2a5b8c4d6e7f, as Mistral returns for jobs and files',
    )
  })
})
