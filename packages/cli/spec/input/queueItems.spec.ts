// The lines `queue enqueue` takes: an id (or a custom_id) and an object body, or why not.
import { queueItemOf } from '../../src/input/queueItems'

describe('queueItemOf', () => {
  it('takes "id", or "custom_id" as a file made for `run` has it', () => {
    expect(queueItemOf('{"id": "a", "body": {"n": 1}}')).toEqual({ id: 'a', body: { n: 1 } })
    expect(queueItemOf('{"custom_id": "b", "body": {}}')).toEqual({ id: 'b', body: {} })
    expect(queueItemOf('{"id": "c", "custom_id": "c", "body": {}}')).toEqual({ id: 'c', body: {} })
  })

  it.each([
    ['not json', /^not valid JSON \(/],
    ['[1, 2]', /^expected an object like \{"id": "1", "body": \{\.\.\.\}\}$/],
    [
      '{"id": "a", "custom_id": "b", "body": {}}',
      /^"id" and "custom_id" differ: give one of them$/,
    ],
    ['{"body": {}}', /^"id" \(or "custom_id"\) must be a non-empty string$/],
    ['{"id": "", "body": {}}', /^"id" \(or "custom_id"\) must be a non-empty string$/],
    ['{"id": 7, "body": {}}', /^"id" \(or "custom_id"\) must be a non-empty string$/],
    ['{"id": "a", "body": [1]}', /^"body" must be an object$/],
    ['{"id": "a"}', /^"body" must be an object$/],
  ])('says what is wrong with %s', (line, problem) => {
    expect(queueItemOf(line)).toMatch(problem)
  })
})
