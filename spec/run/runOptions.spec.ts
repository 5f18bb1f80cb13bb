// The run options: defaults, checks, and the names of shard files.
import { resolveRunOptions, shardFilename, inlineJobSize } from '../../src/run/runOptions'

describe('resolveRunOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveRunOptions({ endpoint: '/v1/embeddings' })).toEqual({
      mode: 'auto',
      maxRequestsPerJob: 1_000_000,
      maxFileBytes: 536_870_912,
      cancelOnUnsubscribe: false,
      filename: 'batch-requests.jsonl',
    })
  })

  it.each([
    [{ mode: 'both' }, "runBatch$: mode must be 'file', 'inline' or 'auto', got both"],
    [{ maxRequestsPerJob: 1.5 }, 'runBatch$: maxRequestsPerJob must be an integer >= 1'],
    [{ maxFileBytes: -1 }, 'runBatch$: maxFileBytes must be an integer >= 1'],
    [{ filename: ' ' }, 'runBatch$: filename must be a non-empty string'],
  ])('rejects %j', (options, message) => {
    expect(() => resolveRunOptions({ endpoint: '/v1/embeddings', ...options } as never)).toThrow(
      message,
    )
  })

  it('caps inline jobs at 10,000 requests', () => {
    expect(inlineJobSize(resolveRunOptions({ endpoint: '/v1/embeddings' }))).toBe(10_000)
    expect(
      inlineJobSize(resolveRunOptions({ endpoint: '/v1/embeddings', maxRequestsPerJob: 7 })),
    ).toBe(7)
  })
})

describe('shardFilename', () => {
  it('puts the shard number before the extension', () => {
    expect(shardFilename('input.jsonl', 3)).toBe('input-3.jsonl')
    expect(shardFilename('input', 0)).toBe('input-0')
    expect(shardFilename('.hidden', 1)).toBe('.hidden-1')
  })
})
