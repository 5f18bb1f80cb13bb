// Where a run's results go by default.
import { resultPathsFor } from '../../src/run/executeRun'

describe('resultPathsFor', () => {
  it('derives the result and error files from the input name', () => {
    expect(resultPathsFor('data/batch.jsonl')).toEqual({
      out: 'data/batch.results.jsonl',
      errors: 'data/batch.errors.jsonl',
    })
    expect(resultPathsFor('requests')).toEqual({
      out: 'requests.results.jsonl',
      errors: 'requests.errors.jsonl',
    })
  })
})
