// delete$ against the emulator: laziness, the decoded answer, 404, invalid ids and aborts.
import { lastValueFrom } from 'rxjs'
import { delete$ } from '../../src/batch/jobRequests.js'
import { HttpError, InvalidRequestError } from '../../src/errors/index.js'
import { call } from '../../packages/emulator/spec/support/emulatorClient.js'
import { requestsBySubscription } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { seedJobId, startBatchEmulator, UNKNOWN_ID, type BatchEmulator } from './emulatorFixture.js'

let env: BatchEmulator

beforeAll(async () => {
  env = await startBatchEmulator()
})
afterAll(() => env.emulator.close())
beforeEach(() => env.emulator.clearRequests())

describe('delete$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    const id = await seedJobId(env.emulator)
    const deletion = `DELETE /v1/batch/jobs/${id}`
    await expect(
      requestsBySubscription(env.emulator.url, (ctx) => delete$(ctx, id)),
    ).resolves.toEqual({ built: [], first: [deletion], second: [deletion] })
    expect(env.emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `${deletion} 200`,
      `${deletion} 404`,
    ])
  })

  it('emits the decoded answer, and the job is gone', async () => {
    const id = await seedJobId(env.emulator)
    await expect(lastValueFrom(delete$(env.ctx, id))).resolves.toEqual({
      id,
      object: 'batch',
      deleted: true,
    })
    const after = await call(env.emulator.url, 'GET', `/v1/batch/jobs/${id}`)
    expect(after.status).toBe(404)
  })

  it('gives the 404 of an unknown job as an HttpError, not retried', async () => {
    const failure = lastValueFrom(delete$(env.ctx, UNKNOWN_ID))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404, method: 'DELETE' })
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('rejects an id that is not a UUID without sending anything', async () => {
    const failure = lastValueFrom(delete$(env.ctx, 'job-1'))
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({
      field: 'jobId',
      message:
        'jobId must be a UUID such as 0b3c1e52-7c1f-4f37-9d0e-2a5b8c4d6e7f, as Mistral returns for jobs and files',
    })
    expect(env.emulator.requests).toHaveLength(0)
  })

  it('retries a 502 as a safe operation', async () => {
    const id = await seedJobId(env.emulator)
    env.emulator.faults.set({
      rules: [{ route: 'DELETE /v1/batch/jobs/:id', kind: '502', times: 1 }],
    })
    await expect(lastValueFrom(delete$(env.ctx, id))).resolves.toMatchObject({ id, deleted: true })
    env.emulator.faults.clear()
    expect(env.emulator.requests.map((r) => r.status)).toEqual([502, 200])
  })

  it('aborts the request when unsubscribed', async () => {
    const id = await seedJobId(env.emulator)
    const outcome = await unsubscribeMidBody(env.emulator, 'DELETE /v1/batch/jobs/:id', (ctx) =>
      delete$(ctx, id),
    )
    expect(outcome).toEqual(ABORTED_MID_BODY)
  })
})
