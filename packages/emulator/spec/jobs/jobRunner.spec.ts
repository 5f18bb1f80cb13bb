// Jobs that really run: lifecycle and live counters, error lines, FAILED, timeout, cancel, inline outputs.
import { startEmulator, type RunningEmulator } from '../../src/index'
import {
  call,
  chatJsonl,
  downloadLines,
  isTerminal,
  upload,
  waitForJob,
  type Job,
} from '../support/emulatorClient'
import { expectSchema } from '../support/openApiSchemas'

const RESULT_ID =
  /^batch-[0-9a-f]{8}-\d+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('emulator job runner', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: 100, queueDelayMs: 150, hourMs: 60_000 })
  })
  afterAll(() => emulator.close())

  const fileJob = async (content: string, extra: Record<string, unknown> = {}): Promise<Job> => {
    const file = (await upload(emulator.url, content)).body as { id: string }
    const { body } = await call(emulator.url, 'POST', '/v1/batch/jobs', {
      input_files: [file.id],
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      ...extra,
    })
    return body as Job
  }

  it('goes QUEUED, RUNNING with live counters, then SUCCESS with a batch_result output file', async () => {
    const created = await fileJob(chatJsonl(100))
    expect(created).toMatchObject({ status: 'QUEUED', total_requests: 0 })
    const running = await waitForJob(
      emulator.url,
      created.id,
      (job) => job.status === 'RUNNING' && job.completed_requests > 0,
    )
    expectSchema('BatchJob', running)
    expect(running.total_requests).toBe(100)
    expect(running.completed_requests).toBeLessThan(100)
    expect(running.started_at).toEqual(expect.any(Number))
    expect(running.output_file).toBeNull()

    const done = await waitForJob(emulator.url, created.id, isTerminal)
    expectSchema('BatchJob', done)
    expect(done).toMatchObject({
      status: 'SUCCESS',
      total_requests: 100,
      completed_requests: 100,
      succeeded_requests: 100,
      failed_requests: 0,
      error_file: null,
      errors: [],
    })
    expect(done.completed_at).toEqual(expect.any(Number))

    const output = (await call(emulator.url, 'GET', `/v1/files/${done.output_file}`)).body
    expectSchema('GetFileResponse', output)
    expect(output).toMatchObject({
      purpose: 'batch',
      sample_type: 'batch_result',
      source: 'mistral',
      num_lines: 100,
    })
    const lines = await downloadLines(emulator.url, done.output_file as string)
    expect(lines.map((line) => line.custom_id).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 100 }, (_, i) => String(i)),
    )
    for (const line of lines) {
      expect(line).toEqual({
        id: expect.stringMatching(RESULT_ID),
        custom_id: expect.any(String),
        response: {
          status_code: 200,
          body: expect.objectContaining({ object: 'chat.completion' }),
        },
        error: null,
      })
    }
  })

  it('writes each bad line (not JSON, no body, invalid body) to a batch_error file, keeping custom_id', async () => {
    const content = [
      '{"custom_id":"good","body":{"messages":[{"role":"user","content":"hi"}]}}',
      'this is not json',
      '{"custom_id":"nobody"}',
      '{"custom_id":"invalid","body":{"max_tokens":5}}',
    ].join('\n')
    const created = await fileJob(content)
    const done = await waitForJob(emulator.url, created.id, isTerminal)
    expect(done).toMatchObject({
      status: 'SUCCESS',
      total_requests: 4,
      completed_requests: 4,
      succeeded_requests: 1,
      failed_requests: 3,
    })
    const errorFile = (await call(emulator.url, 'GET', `/v1/files/${done.error_file}`)).body
    expect(errorFile).toMatchObject({ sample_type: 'batch_error', source: 'mistral', num_lines: 3 })
    const errors = await downloadLines(emulator.url, done.error_file as string)
    expect(errors.map((line) => line.custom_id).sort()).toEqual(['invalid', 'nobody', null])
    for (const line of errors) {
      const response = line.response as { status_code: number; body: Record<string, unknown> }
      expect(line.id).toMatch(RESULT_ID)
      expect(response.status_code).toBeGreaterThanOrEqual(400)
      expect(response.status_code).toBeLessThan(500)
      expect(response.body).toMatchObject({
        object: 'error',
        message: expect.any(String),
        type: expect.any(String),
      })
      expect(line.error).toEqual({
        message: expect.any(String),
        code: String(response.status_code),
      })
    }
    expect(
      (await downloadLines(emulator.url, done.output_file as string)).map((l) => l.custom_id),
    ).toEqual(['good'])
  })

  it('FAILS a job with errors[] when no line can be processed, or its input file is gone', async () => {
    const allBad = await fileJob('nope\n{"custom_id":"x"}\n')
    const failed = await waitForJob(emulator.url, allBad.id, isTerminal)
    expectSchema('BatchJob', failed)
    expect(failed).toMatchObject({
      status: 'FAILED',
      failed_requests: 2,
      succeeded_requests: 0,
      output_file: null,
    })
    expect((failed.errors as unknown[]).length).toBeGreaterThan(0)
    expect(failed.error_file).toEqual(expect.any(String))

    const file = (await upload(emulator.url, chatJsonl(2))).body as { id: string }
    const { body } = await call(emulator.url, 'POST', '/v1/batch/jobs', {
      input_files: [file.id],
      endpoint: '/v1/chat/completions',
    })
    await call(emulator.url, 'DELETE', `/v1/files/${file.id}`)
    const missing = await waitForJob(emulator.url, (body as Job).id, isTerminal)
    expect(missing).toMatchObject({
      status: 'FAILED',
      total_requests: 0,
      errors: [{ message: `Input file ${file.id} not found`, count: 1 }],
    })
  })

  it('honours timeout_hours on the scaled clock: TIMEOUT_EXCEEDED keeps what was done', async () => {
    const created = await fileJob(chatJsonl(2000), { timeout_hours: 2 })
    await waitForJob(emulator.url, created.id, (job) => job.completed_requests >= 10)
    const stepped = await call(emulator.url, 'POST', '/_emulator/clock/step', { ms: 2 * 60_000 })
    expect(stepped.status).toBe(200)
    const done = await waitForJob(emulator.url, created.id, isTerminal)
    expect(done.status).toBe('TIMEOUT_EXCEEDED')
    expect(done.completed_requests).toBeGreaterThanOrEqual(10)
    expect(done.completed_requests).toBeLessThan(2000)
    const lines = await downloadLines(emulator.url, done.output_file as string)
    expect(lines).toHaveLength(done.succeeded_requests)
    expect(done.succeeded_requests).toBe(done.completed_requests)
  })

  it('cancels a running job: CANCELLATION_REQUESTED, then CANCELLED with the results so far', async () => {
    const created = await fileJob(chatJsonl(2000))
    await waitForJob(emulator.url, created.id, (job) => job.completed_requests >= 5)
    const cancelling = await call(emulator.url, 'POST', `/v1/batch/jobs/${created.id}/cancel`)
    expect(cancelling.body).toMatchObject({ status: 'CANCELLATION_REQUESTED' })
    const done = await waitForJob(emulator.url, created.id, isTerminal)
    expect(done.status).toBe('CANCELLED')
    expect(done.completed_requests).toBeGreaterThanOrEqual(5)
    expect(done.completed_requests).toBeLessThan(2000)
    const lines = await downloadLines(emulator.url, done.output_file as string)
    expect(lines).toHaveLength(done.completed_requests)
  })

  it('returns inline outputs with inline=true, and null otherwise', async () => {
    const requests = [
      { custom_id: 'a', body: { messages: [{ role: 'user', content: 'one' }] } },
      { custom_id: 'b', body: { messages: [{ role: 'user', content: 'two' }] } },
      { custom_id: 'c', body: { max_tokens: 1 } },
    ]
    const { body } = await call(emulator.url, 'POST', '/v1/batch/jobs', {
      requests,
      endpoint: '/v1/chat/completions',
    })
    const id = (body as Job).id
    await waitForJob(emulator.url, id, isTerminal)
    const plain = await call(emulator.url, 'GET', `/v1/batch/jobs/${id}`)
    expect(plain.body).toMatchObject({
      outputs: null,
      input_files: [],
      succeeded_requests: 2,
      failed_requests: 1,
    })
    const inline = await call(emulator.url, 'GET', `/v1/batch/jobs/${id}?inline=true`)
    expectSchema('BatchJob', inline.body)
    const outputs = (inline.body as { outputs: Array<Record<string, unknown>> }).outputs
    expect(outputs.map((o) => o.custom_id).sort()).toEqual(['a', 'b', 'c'])
    expect(outputs.find((o) => o.custom_id === 'c')).toMatchObject({
      error: { message: expect.any(String) },
    })
  })

  it('answers the same request with the same body (the fake models are deterministic)', async () => {
    const content = chatJsonl(3)
    const first = await waitForJob(emulator.url, (await fileJob(content)).id, isTerminal)
    const second = await waitForJob(emulator.url, (await fileJob(content)).id, isTerminal)
    const bodies = async (job: Job) =>
      (await downloadLines(emulator.url, job.output_file as string))
        .sort((a, b) => Number(a.custom_id) - Number(b.custom_id))
        .map((line) => {
          const body = (line.response as { body: Record<string, unknown> }).body
          return { ...body, id: undefined, created: undefined }
        })
    expect(await bodies(second)).toEqual(await bodies(first))
  })
})
