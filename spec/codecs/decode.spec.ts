import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { BatchJob } from '../../src/codecs/BatchJob.js'
import { decode } from '../../src/codecs/decode.js'
import { DecodeError } from '../../src/errors/DecodeError.js'
import job from '../fixtures/batch-job.json'

const leftOf = <A>(result: E.Either<DecodeError, A>): DecodeError => {
  if (E.isRight(result)) throw new Error('expected a Left, got a Right')
  return result.left
}

describe('decode', () => {
  it('gives the decoded value as a Right', () => {
    const result = decode(BatchJob)(job)
    expect(result).toEqual(E.right(expect.objectContaining({ id: job.id, status: 'SUCCESS' })))
  })

  it('names the codec, the path, the expected type and the actual value', () => {
    const error = leftOf(decode(BatchJob)({ ...job, status: 42 }))
    expect(error).toBeInstanceOf(DecodeError)
    expect(error.message).toBe(
      'Response did not match BatchJob: status: expected BatchJobStatus, got 42',
    )
    expect(error.paths).toEqual(['status: expected BatchJobStatus, got 42'])
  })

  it('reports a nullable field once, with its union type', () => {
    const error = leftOf(decode(BatchJob)({ ...job, model: 7 }))
    expect(error.paths).toEqual(['model: expected (string | null), got 7'])
  })

  it('reports missing required fields and nested array paths', () => {
    const { created_at: _dropped, ...withoutCreatedAt } = job
    const error = leftOf(
      decode(BatchJob)({ ...withoutCreatedAt, errors: [{ message: 'x', count: 'two' }] }),
    )
    expect(error.message).toContain('created_at: expected number, got undefined')
    expect(error.message).toContain('errors.0.count: expected number, got "two"')
  })

  it('reports a wrong root value under <root>', () => {
    const error = leftOf(decode(BatchJob)('not a job'))
    expect(error.message).toContain('<root>: expected BatchJob, got "not a job"')
  })

  it('caps the rendering of a large actual value', () => {
    const error = leftOf(decode(t.type({ n: t.number }, 'N'))({ n: { text: 'x'.repeat(100_000) } }))
    expect(error.paths[0]).toMatch(/^n: expected number, got \{"text":"x+…$/)
    expect(error.message.length).toBeLessThan(200)
  })

  it('lets the caller say what was decoded', () => {
    const error = leftOf(decode(t.number, 'Result line 3')('x'))
    expect(error.message).toBe(
      'Result line 3 did not match number: <root>: expected number, got "x"',
    )
  })

  it('shows the first failures in the message and all of them in paths', () => {
    const codec = t.array(t.number, 'Numbers')
    const error = leftOf(decode(codec)(['a', 'b', 'c', 'd', 'e', 'f', 'g']))
    expect(error.message).toContain('4: expected number, got "e"; …')
    expect(error.message).not.toContain('"f"')
    expect(error.paths).toContain('6: expected number, got "g"')
  })
})
