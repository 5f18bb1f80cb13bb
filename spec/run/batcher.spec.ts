// Marble tests of the micro-batcher: size and time windows, withdrawal, fan-out of results and errors.
import { concat, from, mergeMap, Observable, type ObservableInput } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import { NoResultError } from '../../src/errors/NoResultError.js'
import {
  createBatcher,
  type BatcherOptions,
  type BatcherOutput,
  type BatcherRequest,
} from '../../src/run/batcher.js'

/** What a test job does when its marble emits: the outputs it reports for the requests it got. */
type Reply = (requests: ReadonlyArray<BatcherRequest>) => ObservableInput<BatcherOutput<string>>

/** The result a submitter of `{ q }` gets: its `q` in capitals, so a mix-up shows. */
const answer = (request: BatcherRequest): BatcherOutput<string> => ({
  custom_id: request.custom_id,
  value: String(request.body['q']).toUpperCase(),
})
const answerAll: Reply = (requests) => requests.map(answer)
const answerReversed: Reply = (requests) => [...requests].reverse().map(answer)
const answerAllBut =
  (custom_id: string): Reply =>
  (requests) =>
    requests.filter((r) => r.custom_id !== custom_id).map(answer)

/** One call of the runner: when it came and exactly what it got. */
interface JobCall {
  readonly at: number
  readonly requests: ReadonlyArray<BatcherRequest>
}

let testScheduler: TestScheduler

beforeEach(() => {
  testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
})

/**
 * A runner that plays the given job marbles in turn (the first call gets the first) and records
 * every call; its values are `Reply` functions applied to the requests of that call.
 */
function scriptedRunner(jobs: ReadonlyArray<Observable<Reply>>) {
  const calls: JobCall[] = []
  const runJob = (requests: ReadonlyArray<BatcherRequest>): Observable<BatcherOutput<string>> => {
    calls.push({ at: testScheduler.now(), requests })
    const job = jobs[calls.length - 1]
    if (job === undefined) throw new Error(`unscripted job #${calls.length}`)
    return job.pipe(mergeMap((reply) => from(reply(requests))))
  }
  return { calls, runJob }
}

function batcherOn(jobs: ReadonlyArray<Observable<Reply>>, options: BatcherOptions) {
  const runner = scriptedRunner(jobs)
  return { ...runner, batcher: createBatcher(runner.runJob, options, testScheduler) }
}

const request = (custom_id: string, q: string): BatcherRequest => ({ custom_id, body: { q } })

describe('createBatcher', () => {
  it('is lazy: a submission that is never subscribed is never sent', () => {
    const { calls, batcher } = batcherOn([], { maxBatchSize: 1, maxWaitMs: 0 })
    testScheduler.run(() => {
      batcher.submit$({ q: 'a' })
      batcher.flush()
    })
    expect(calls).toEqual([])
  })

  it('sends a job as soon as maxBatchSize submissions wait, without waiting for the time window', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const job = cold('---(r|)', { r: answerAll })
      const { calls, batcher } = batcherOn([job], { maxBatchSize: 3, maxWaitMs: 100 })
      expectObservable(batcher.submit$({ q: 'a' }), '^').toBe('-----(a|)', { a: 'A' })
      expectObservable(batcher.submit$({ q: 'b' }), '-^').toBe('-----(b|)', { b: 'B' })
      expectObservable(batcher.submit$({ q: 'c' }), '--^').toBe('-----(c|)', { c: 'C' })
      expectSubscriptions(job.subscriptions).toBe('--^--!')
      testScheduler.flush()
      expect(calls).toEqual([
        { at: 2, requests: [request('0', 'a'), request('1', 'b'), request('2', 'c')] },
      ])
    })
  })

  it('sends one job maxWaitMs after the first submission, holding every later one', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('---(r|)', { r: answerAll })
      const { calls, batcher } = batcherOn([job], { maxBatchSize: 10, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' }), '^').toBe('13ms (a|)', { a: 'A' })
      expectObservable(batcher.submit$({ q: 'b' }), '4ms ^').toBe('13ms (b|)', { b: 'B' })
      expectObservable(batcher.submit$({ q: 'c' }), '9ms ^').toBe('13ms (c|)', { c: 'C' })
      testScheduler.flush()
      expect(calls).toEqual([
        { at: 10, requests: [request('0', 'a'), request('1', 'b'), request('2', 'c')] },
      ])
    })
  })

  it('does not let a steady trickle postpone a job: the window counts from the oldest waiting', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const jobs = [cold('(r|)', { r: answerAll }), cold('(r|)', { r: answerAll })]
      const { calls, batcher } = batcherOn(jobs, { maxBatchSize: 10, maxWaitMs: 10 })
      for (const [at, q] of [
        [0, 'a'],
        [4, 'b'],
        [8, 'c'],
        [12, 'd'],
        [16, 'e'],
        [20, 'f'],
      ] as const) {
        const done = at < 10 ? '10ms' : '22ms'
        expectObservable(batcher.submit$({ q }), `${at}ms ^`).toBe(`${done} (x|)`, {
          x: q.toUpperCase(),
        })
      }
      testScheduler.flush()
      expect(calls).toEqual([
        { at: 10, requests: [request('0', 'a'), request('1', 'b'), request('2', 'c')] },
        { at: 22, requests: [request('3', 'd'), request('4', 'e'), request('5', 'f')] },
      ])
    })
  })

  it('after a job sent by size, times the rest from the oldest submission left waiting', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const jobs = [cold('(r|)', { r: answerAll }), cold('(r|)', { r: answerAll })]
      const { calls, batcher } = batcherOn(jobs, { maxBatchSize: 2, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' }), '^').toBe('-(a|)', { a: 'A' })
      expectObservable(batcher.submit$({ q: 'b' }), '-^').toBe('-(b|)', { b: 'B' })
      expectObservable(batcher.submit$({ q: 'c' }), '5ms ^').toBe('15ms (c|)', { c: 'C' })
      testScheduler.flush()
      expect(calls).toEqual([
        { at: 1, requests: [request('0', 'a'), request('1', 'b')] },
        { at: 15, requests: [request('2', 'c')] },
      ])
    })
  })

  it('withdraws a request unsubscribed before its job is sent: it is not in the job', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('---(r|)', { r: answerAll })
      const { calls, batcher } = batcherOn([job], { maxBatchSize: 10, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' }), '^').toBe('13ms (a|)', { a: 'A' })
      expectObservable(batcher.submit$({ q: 'b' }), '--^--!').toBe('')
      expectObservable(batcher.submit$({ q: 'c' }), '---^').toBe('13ms (c|)', { c: 'C' })
      testScheduler.flush()
      expect(calls).toEqual([{ at: 10, requests: [request('0', 'a'), request('2', 'c')] }])
    })
  })

  it('cancels the timer when the last waiting request is withdrawn, and starts afresh', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('(r|)', { r: answerAll })
      const { calls, batcher } = batcherOn([job], { maxBatchSize: 10, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' }), '^---!').toBe('')
      expectObservable(batcher.submit$({ q: 'b' }), '6ms ^').toBe('16ms (b|)', { b: 'B' })
      testScheduler.flush()
      expect(calls).toEqual([{ at: 16, requests: [request('1', 'b')] }])
    })
  })

  it('when the oldest waiting request is withdrawn, times the job from the next oldest', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('(r|)', { r: answerAll })
      const { calls, batcher } = batcherOn([job], { maxBatchSize: 10, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' }), '^---!').toBe('')
      expectObservable(batcher.submit$({ q: 'b' }), '--^').toBe('12ms (b|)', { b: 'B' })
      testScheduler.flush()
      expect(calls).toEqual([{ at: 12, requests: [request('1', 'b')] }])
    })
  })

  it('drops the result for a submitter who left after the job was sent; the others get theirs', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const job = cold('---(r|)', { r: answerAll })
      const { batcher } = batcherOn([job], { maxBatchSize: 10, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' }), '^ 10ms !').toBe('')
      expectObservable(batcher.submit$({ q: 'b' }), '^').toBe('13ms (b|)', { b: 'B' })
      expectSubscriptions(job.subscriptions).toBe('10ms ^ 2ms !')
    })
  })

  it('stops running a job once every one of its submitters has left', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const job = cold('10ms (r|)', { r: answerAll })
      const { batcher } = batcherOn([job], { maxBatchSize: 2, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' }), '^-!').toBe('')
      expectObservable(batcher.submit$({ q: 'b' }), '^--!').toBe('')
      expectSubscriptions(job.subscriptions).toBe('^--!')
    })
  })

  it('delivers results reported in any order to the submitter each one answers', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('--(r|)', { r: answerReversed })
      const { batcher } = batcherOn([job], { maxBatchSize: 3, maxWaitMs: 10 })
      for (const q of ['a', 'b', 'c']) {
        expectObservable(batcher.submit$({ q }), '^').toBe('--(x|)', { x: q.toUpperCase() })
      }
    })
  })

  it('errors every submitter of a failed job with its error, while another job goes on', () => {
    const failure = new InvalidRequestError('job rejected', { field: 'requests' })
    testScheduler.run(({ cold, expectObservable }) => {
      const jobs = [cold<Reply>('---#', undefined, failure), cold('---(r|)', { r: answerAll })]
      const { calls, batcher } = batcherOn(jobs, { maxBatchSize: 2, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' }), '^').toBe('---#', undefined, failure)
      expectObservable(batcher.submit$({ q: 'b' }), '^').toBe('---#', undefined, failure)
      expectObservable(batcher.submit$({ q: 'c' }), '-^').toBe('----(c|)', { c: 'C' })
      expectObservable(batcher.submit$({ q: 'd' }), '-^').toBe('----(d|)', { d: 'D' })
      testScheduler.flush()
      expect(calls.map((c) => c.at)).toEqual([0, 1])
    })
  })

  it('errors the submitters of a job whose runner throws instead of returning an Observable', () => {
    const failure = new Error('runner broke')
    testScheduler.run(({ expectObservable }) => {
      const batcher = createBatcher<string>(
        () => {
          throw failure
        },
        { maxBatchSize: 1 },
        testScheduler,
      )
      expectObservable(batcher.submit$({ q: 'a' })).toBe('#', undefined, failure)
    })
  })

  it('works with a runner that answers synchronously, inside the subscription', () => {
    testScheduler.run(({ expectObservable }) => {
      const batcher = createBatcher((requests) => from(requests.map(answer)), { maxBatchSize: 1 })
      expectObservable(batcher.submit$({ q: 'a' })).toBe('(a|)', { a: 'A' })
      expectObservable(batcher.submit$({ q: 'b' })).toBe('(b|)', { b: 'B' })
    })
  })

  it('errors a submitter whose job ended without its result, never leaving it waiting', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('--(r|)', { r: answerAllBut('1') })
      const { batcher } = batcherOn([job], { maxBatchSize: 2, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' })).toBe('--(a|)', { a: 'A' })
      expectObservable(batcher.submit$({ q: 'b' })).toBe(
        '--#',
        undefined,
        new NoResultError({ customId: '1' }),
      )
    })
  })

  it('ignores a second result for a request and results for ids it never sent', () => {
    const noisy: Reply = (requests) =>
      concat(from(requests.map(answer)), [
        { custom_id: '0', value: 'AGAIN' },
        { custom_id: 'stranger', value: 'X' },
      ])
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('--r--|', { r: noisy })
      const { batcher } = batcherOn([job], { maxBatchSize: 1, maxWaitMs: 10 })
      expectObservable(batcher.submit$({ q: 'a' })).toBe('--(a|)', { a: 'A' })
    })
  })

  it('flush() sends what is waiting at once; later submissions wait for their own window', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const jobs = [cold('(r|)', { r: answerAll }), cold('(r|)', { r: answerAll })]
      const { calls, batcher } = batcherOn(jobs, { maxBatchSize: 10, maxWaitMs: 100 })
      expectObservable(batcher.submit$({ q: 'a' }), '^').toBe('-----(a|)', { a: 'A' })
      expectObservable(batcher.submit$({ q: 'b' }), '--^').toBe('-----(b|)', { b: 'B' })
      expectObservable(batcher.submit$({ q: 'c' }), '------^').toBe('106ms (c|)', { c: 'C' })
      testScheduler.schedule(() => batcher.flush(), 5)
      testScheduler.flush()
      expect(calls).toEqual([
        { at: 5, requests: [request('0', 'a'), request('1', 'b')] },
        { at: 106, requests: [request('2', 'c')] },
      ])
    })
  })

  it('fails only the submitter of an output that carries an error, the others get their values', () => {
    const unreadable = new Error('its answer did not fit')
    const failB: Reply = (requests) =>
      requests.map((r) =>
        r.body['q'] === 'b' ? { custom_id: r.custom_id, error: unreadable } : answer(r),
      )
    testScheduler.run(({ cold, expectObservable }) => {
      const { batcher } = batcherOn([cold('--(r|)', { r: failB })], {
        maxBatchSize: 2,
        maxWaitMs: 10,
      })
      expectObservable(batcher.submit$({ q: 'a' })).toBe('--(a|)', { a: 'A' })
      expectObservable(batcher.submit$({ q: 'b' })).toBe('--#', undefined, unreadable)
    })
  })

  it('close() sends what is waiting and refuses later submissions', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('-(r|)', { r: answerAll })
      const { calls, batcher } = batcherOn([job], { maxBatchSize: 10, maxWaitMs: 100 })
      expectObservable(batcher.submit$({ q: 'a' }), '^').toBe('----(a|)', { a: 'A' })
      testScheduler.schedule(() => batcher.close(), 3)
      expectObservable(batcher.submit$({ q: 'b' }), '----^').toBe(
        '----#',
        undefined,
        new InvalidRequestError('The batcher is closed: it accepts no new submissions', {
          field: 'submit$',
        }),
      )
      testScheduler.flush()
      expect(calls).toEqual([{ at: 3, requests: [request('0', 'a')] }])
    })
  })

  it('holds ready jobs beyond maxConcurrentJobs until a running one ends', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const jobs = [0, 1, 2].map(() => cold('10ms (r|)', { r: answerAll }))
      const { calls, batcher } = batcherOn(jobs, {
        maxBatchSize: 2,
        maxWaitMs: 3,
        maxConcurrentJobs: 1,
      })
      const submitAt = ['^', '^', '-^', '--^', '---^']
      const doneAt = ['10ms', '10ms', '20ms', '20ms', '30ms']
      submitAt.forEach((subscription, i) => {
        const q = 'abcde'.charAt(i)
        expectObservable(batcher.submit$({ q }), subscription).toBe(`${doneAt[i]} (x|)`, {
          x: q.toUpperCase(),
        })
      })
      testScheduler.flush()
      expect(calls).toEqual([
        { at: 0, requests: [request('0', 'a'), request('1', 'b')] },
        { at: 10, requests: [request('2', 'c'), request('3', 'd')] },
        { at: 20, requests: [request('4', 'e')] },
      ])
    })
  })

  it('assigns every subscription a new custom_id after idPrefix, so a resubscription submits again', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('(r|)', { r: answerAll })
      const { calls, batcher } = batcherOn([job], { maxBatchSize: 2, idPrefix: 'req-' })
      const same = batcher.submit$({ q: 'a' })
      expectObservable(same).toBe('(a|)', { a: 'A' })
      expectObservable(same).toBe('(a|)', { a: 'A' })
      testScheduler.flush()
      expect(calls).toEqual([{ at: 0, requests: [request('req-0', 'a'), request('req-1', 'a')] }])
    })
  })

  it('works with its methods taken off the batcher', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const job = cold('(r|)', { r: answerAll })
      const { submit$, flush } = batcherOn([job], { maxWaitMs: 100 }).batcher
      expectObservable(submit$({ q: 'a' })).toBe('-(a|)', { a: 'A' })
      testScheduler.schedule(flush, 1)
    })
  })

  it('by default sends 1000 submissions as one job, and the 1001st after 5000 ms', () => {
    testScheduler.run(({ cold }) => {
      const jobs = [cold('(r|)', { r: answerAll }), cold('(r|)', { r: answerAll })]
      const { calls, batcher } = batcherOn(jobs, {})
      const received: string[] = []
      for (let i = 0; i < 1001; i++) {
        batcher.submit$({ q: `q${i}` }).subscribe((value) => received.push(value))
      }
      testScheduler.flush()
      expect(calls.map((c) => [c.at, c.requests.length])).toEqual([
        [0, 1000],
        [5000, 1],
      ])
      expect(received).toHaveLength(1001)
      expect(received[1000]).toBe('Q1000')
    })
  })

  it.each<[BatcherOptions, string]>([
    [{ maxBatchSize: 0 }, 'maxBatchSize must be an integer from 1 to 10000, got 0'],
    [{ maxBatchSize: 10_001 }, 'maxBatchSize must be an integer from 1 to 10000, got 10001'],
    [{ maxBatchSize: 2.5 }, 'maxBatchSize must be an integer from 1 to 10000, got 2.5'],
    [{ maxWaitMs: -1 }, 'maxWaitMs must be a non-negative number of milliseconds, got -1'],
    [{ maxWaitMs: NaN }, 'maxWaitMs must be a non-negative number of milliseconds, got NaN'],
    [{ maxConcurrentJobs: 0 }, 'maxConcurrentJobs must be a positive integer or Infinity, got 0'],
    [{ idPrefix: 7 as unknown as string }, 'idPrefix must be a string, got 7'],
  ])('rejects the options %o with an InvalidRequestError', (options, message) => {
    const create = () => createBatcher(() => from([]), options, testScheduler)
    expect(create).toThrow(InvalidRequestError)
    expect(create).toThrow(message)
  })
})
