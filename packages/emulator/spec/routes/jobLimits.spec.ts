// Mistral's limits on jobs, as the emulator enforces them (configurable): requests in one job, and
// requests pending in jobs not ended, each refused with a 400 in Mistral's error shape.
import { startEmulator, type RunningEmulator } from '../../src/index'
import { call, chatJsonl, upload, waitForJob } from '../support/emulatorClient'

const chat = (content: string) => ({ messages: [{ role: 'user', content }] })
const inline = (count: number, from = 0) => ({
  endpoint: '/v1/chat/completions',
  model: 'mistral-small-latest',
  requests: Array.from({ length: count }, (_, i) => ({
    custom_id: String(from + i),
    body: chat(`q${from + i}`),
  })),
})

describe('emulator job limits', () => {
  let emulator: RunningEmulator
  // jobs stay QUEUED (pending) for the whole test
  beforeAll(async () => {
    emulator = await startEmulator({
      queueDelayMs: 3_600_000,
      maxRequestsPerJob: 10,
      maxPendingRequests: 25,
    })
  })
  afterAll(() => emulator.close())

  const create = (body: unknown) => call(emulator.url, 'POST', '/v1/batch/jobs', body)

  it('refuses a job over maxRequestsPerJob, inline or from its files', async () => {
    await expect(create(inline(11))).resolves.toMatchObject({
      status: 400,
      body: {
        object: 'error',
        message: 'A batch job holds at most 10 requests, this one 11',
        type: 'invalid_request_error',
        param: null,
        code: 'too_many_requests_in_job',
      },
    })
    const file = (await upload(emulator.url, chatJsonl(12))).body as { id: string }
    const fromFile = await create({
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      input_files: [file.id],
    })
    expect(fromFile).toMatchObject({ status: 400, body: { code: 'too_many_requests_in_job' } })
  })

  it('refuses a job that would pass maxPendingRequests, and takes it once others end', async () => {
    const first = await create(inline(10))
    const second = await create(inline(10, 10))
    expect([first.status, second.status]).toEqual([200, 200])
    const third = await create(inline(6, 20))
    expect(third).toMatchObject({
      status: 400,
      body: {
        type: 'invalid_request_error',
        code: 'too_many_pending_requests',
        message:
          'At most 25 requests may be pending in jobs not ended: 20 are, and this job adds 6',
      },
    })
    await expect(create(inline(5, 20))).resolves.toMatchObject({ status: 200 })
    const firstId = (first.body as { id: string }).id
    const cancelled = await call(emulator.url, 'POST', `/v1/batch/jobs/${firstId}/cancel`)
    expect(cancelled.status).toBe(200)
    // once cancelled, its 10 requests are no longer pending
    await waitForJob(emulator.url, firstId, (job) => job.status === 'CANCELLED')
    await expect(create(inline(6, 30))).resolves.toMatchObject({ status: 200 })
  })

  it('refuses a limit that is not a whole number >= 1 at start', async () => {
    await expect(startEmulator({ maxRequestsPerJob: 0 })).rejects.toThrow(
      'maxRequestsPerJob must be an integer >= 1, got 0',
    )
  })
})
