// cancel$ against the emulator: laziness, the decoded job, 404, invalid ids, retries and aborts.
import { lastValueFrom } from 'rxjs'
import { cancel$ } from '../../src/batch/jobRequests.js'
import { HttpError, InvalidRequestError } from '../../src/errors/index.js'
import { requestsBySubscription } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { seedJobId, startBatchEmulator, UNKNOWN_ID, type BatchEmulator } from './emulatorFixture.js'

let env: BatchEmulator

beforeAll(async () => {
  env = await startBatchEmulator()
})
afterAll(() => env.emulator.close())
beforeEach(() => env.emulator.clearRequests())

describe('cancel$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    const id = await seedJobId(env.emulator)
    const cancel = `POST /v1/batch/jobs/${id}/cancel`
    await expect(
      requestsBySubscription(env.emulator.url, (ctx) => cancel$(ctx, id)),
    ).resolves.toEqual({ built: [], first: [cancel], second: [cancel] })
    expect(env.calls()).toEqual([cancel, cancel])
  })

  it('emits the job as the server has it after the request', async () => {
    const id = await seedJobId(env.emulator)
    const job = await lastValueFrom(cancel$(env.ctx, id))
    expect(job).toMatchObject({ id, object: 'batch' })
    expect(['CANCELLATION_REQUESTED', 'CANCELLED']).toContain(job.status)
  })

  it('gives the 404 of an unknown job as an HttpError, not retried', async () => {
    const failure = lastValueFrom(cancel$(env.ctx, UNKNOWN_ID))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404, method: 'POST' })
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('rejects an id that is not a UUID without sending anything', async () => {
    for (const id of ['', 'job-1', '../files']) {
      const failure = lastValueFrom(cancel$(env.ctx, id))
      await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
      await expect(failure).rejects.toMatchObject({ field: 'jobId' })
    }
    expect(env.emulator.requests).toHaveLength(0)
  })

  it('retries a reset connection: cancelling twice is cancelling once', async () => {
    const id = await seedJobId(env.emulator)
    env.emulator.faults.set({
      rules: [
        { route: 'POST /v1/batch/jobs/:id/cancel', kind: 'reset-after-processing', times: 1 },
      ],
    })
    const job = await lastValueFrom(cancel$(env.ctx, id))
    env.emulator.faults.clear()
    expect(job.id).toBe(id)
    expect(env.emulator.requests).toHaveLength(2)
  })

  it('aborts the request when unsubscribed', async () => {
    const id = await seedJobId(env.emulator)
    const outcome = await unsubscribeMidBody(
      env.emulator,
      'POST /v1/batch/jobs/:id/cancel',
      (ctx) => cancel$(ctx, id),
    )
    expect(outcome).toEqual(ABORTED_MID_BODY)
  })
})
