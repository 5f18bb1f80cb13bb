// The run options: defaults, checks, and the names of shard files.
import * as E from 'fp-ts/Either'
import {
  resolveRunOptions,
  shardFilename,
  inlineJobSize,
  type ResolvedRunOptions,
  type RunBatchOptions,
} from '../../src/run/runOptions'

const JOB = { endpoint: '/v1/embeddings' } as const
const resolved = (options: RunBatchOptions): ResolvedRunOptions => {
  const either = resolveRunOptions(options)
  if (E.isLeft(either)) throw either.left
  return either.right
}

describe('resolveRunOptions', () => {
  it('fills in the defaults', () => {
    expect(resolved({ job: JOB, idempotencyKey: 'k' })).toEqual({
      job: JOB,
      watch: undefined,
      streamBody: undefined,
      idempotencyKey: 'k',
      mode: 'auto',
      maxRequestsPerJob: 100_000,
      maxPendingRequests: 1_000_000,
      maxFileBytes: 536_870_912,
      cancelOnUnsubscribe: false,
      validateBodies: true,
      filename: 'batch-requests.jsonl',
    })
  })

  it.each([
    [{ mode: 'both' }, "runBatch$: mode must be 'file', 'inline' or 'auto', got both"],
    [{ maxRequestsPerJob: 1.5 }, 'runBatch$: maxRequestsPerJob must be an integer >= 1'],
    [{ maxFileBytes: -1 }, 'runBatch$: maxFileBytes must be an integer >= 1'],
    [
      { maxPendingRequests: 50_000 },
      'runBatch$: maxPendingRequests must be an integer of at least maxRequestsPerJob (100000): a job of that many requests could never be sent',
    ],
    [{ filename: ' ' }, 'runBatch$: filename must be a non-empty string'],
    [{ validateBodies: 'yes' }, 'runBatch$: validateBodies must be true or false'],
    [
      { idempotencyKey: 'k'.repeat(502) },
      'runBatch$: idempotencyKey must be at most 501 characters: each shard adds -<k> to it',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => resolved({ job: JOB, ...options } as never)).toThrow(message)
  })

  it('caps inline jobs at 10,000 requests', () => {
    expect(inlineJobSize(resolved({ job: JOB }))).toBe(10_000)
    expect(inlineJobSize(resolved({ job: JOB, maxRequestsPerJob: 7 }))).toBe(7)
  })
})

describe('shardFilename', () => {
  it('puts the shard number before the extension', () => {
    expect(shardFilename('input.jsonl', 3)).toBe('input-3.jsonl')
    expect(shardFilename('input', 0)).toBe('input-0')
    expect(shardFilename('.hidden', 1)).toBe('.hidden-1')
  })
})
