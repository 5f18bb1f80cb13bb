// listPoll in virtual time: a list still being read is joined, whatever its age; a read one
// answers polls for the shortest interval after it was asked for.
import { of, type Observable } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { listPoll, LIST_POLL_FROM_JOBS } from '../../src/batch/jobPollHub.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import type { BatchJobList } from '../../src/codecs/BatchJobList.js'

const IDS = Array.from({ length: LIST_POLL_FROM_JOBS }, (_, i) => `job-${i}`)
const job = (id: string, completed: number): BatchJob =>
  ({ id, created_at: 1_700_000_000, status: 'RUNNING', completed_requests: completed }) as BatchJob

describe('listPoll', () => {
  it('joins a list still being read, even past the shortest interval, and reads a new one once the last has aged', () => {
    const testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
    testScheduler.run(({ cold, flush }) => {
      const listed: number[] = []
      // each list takes 100 ms to read, five times the shortest interval (20 ms)
      const listPages = (): Observable<BatchJobList> => {
        listed.push(testScheduler.now())
        const page = {
          object: 'list',
          total: IDS.length,
          data: IDS.map((id) => job(id, listed.length)),
        }
        return cold('100ms (p|)', { p: page as unknown as BatchJobList })
      }
      const poll = listPoll(
        (id) => of(job(id, 0)),
        listPages,
        () => new Set(IDS),
        () => 20,
        testScheduler,
      )
      // first polls are by id: they tell when each job was created
      for (const id of IDS) poll(id).subscribe()
      const answers: Array<[string, number, number]> = []
      const pollAt = (id: string, at: number): void => {
        testScheduler.schedule(() => {
          poll(id).subscribe((snapshot) =>
            answers.push([id, testScheduler.now(), snapshot.completed_requests]),
          )
        }, at)
      }
      pollAt('job-0', 0)
      pollAt('job-1', 50) // the list asked for at 0 is still being read: joined
      pollAt('job-2', 110) // read at 100, asked for at 0: older than 20 ms, a new list
      flush()
      expect(listed).toEqual([0, 110])
      expect(answers).toEqual([
        ['job-0', 100, 1],
        ['job-1', 100, 1],
        ['job-2', 210, 2],
      ])
    })
  })
})
