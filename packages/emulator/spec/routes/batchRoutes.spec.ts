// The Batch API routes of the emulator: create, get, list with every filter, cancel, delete, 4xx.
import { startEmulator, type RunningEmulator } from '../../src/index'
import {
  call,
  chatJsonl,
  upload,
  waitForJob,
  isTerminal,
  type Job,
} from '../support/emulatorClient'
import { expectSchema } from '../support/openApiSchemas'

const chat = (content: string) => ({ messages: [{ role: 'user', content }] })

describe('emulator batch routes', () => {
  let emulator: RunningEmulator
  let batchFileId: string
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 60_000, hourMs: 1000 })
    batchFileId = ((await upload(emulator.url, chatJsonl(3))).body as { id: string }).id
  })
  afterAll(() => emulator.close())

  const create = (body: unknown) => call(emulator.url, 'POST', '/v1/batch/jobs', body)

  it('creates a file job: QUEUED, every counter 0, total_requests 0, fits BatchJob', async () => {
    const { status, body } = await create({
      input_files: [batchFileId],
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      metadata: { team: 'a' },
    })
    expect(status).toBe(200)
    expectSchema('BatchJob', body)
    expect(body).toEqual({
      id: expect.any(String),
      object: 'batch',
      input_files: [batchFileId],
      metadata: { team: 'a' },
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      agent_id: null,
      output_file: null,
      error_file: null,
      errors: [],
      outputs: null,
      status: 'QUEUED',
      created_at: expect.any(Number),
      total_requests: 0,
      completed_requests: 0,
      succeeded_requests: 0,
      failed_requests: 0,
      started_at: null,
      completed_at: null,
    })
    const got = await call(emulator.url, 'GET', `/v1/batch/jobs/${(body as Job).id}`)
    expectSchema('BatchJob', got.body)
    expect(got.body).toEqual(body)
  })

  it.each([
    [
      'an unknown endpoint',
      { requests: [{ body: chat('x') }], endpoint: '/v1/nope' },
      ['body', 'endpoint'],
    ],
    ['no endpoint', { requests: [{ body: chat('x') }] }, ['body', 'endpoint']],
    [
      'timeout_hours 0',
      { requests: [{ body: chat('x') }], endpoint: '/v1/embeddings', timeout_hours: 0 },
      ['body', 'timeout_hours'],
    ],
    [
      'timeout_hours 169',
      { requests: [{ body: chat('x') }], endpoint: '/v1/embeddings', timeout_hours: 169 },
      ['body', 'timeout_hours'],
    ],
    [
      'timeout_hours 1.5',
      { requests: [{ body: chat('x') }], endpoint: '/v1/embeddings', timeout_hours: 1.5 },
      ['body', 'timeout_hours'],
    ],
    [
      'an empty metadata key',
      { requests: [{ body: chat('x') }], endpoint: '/v1/embeddings', metadata: { '': 'v' } },
      ['body', 'metadata', ''],
    ],
    [
      'a 33-char metadata key',
      {
        requests: [{ body: chat('x') }],
        endpoint: '/v1/embeddings',
        metadata: { ['k'.repeat(33)]: 'v' },
      },
      ['body', 'metadata', 'k'.repeat(33)],
    ],
    [
      'an empty metadata value',
      { requests: [{ body: chat('x') }], endpoint: '/v1/embeddings', metadata: { k: '' } },
      ['body', 'metadata', 'k'],
    ],
    [
      'a 513-char metadata value',
      {
        requests: [{ body: chat('x') }],
        endpoint: '/v1/embeddings',
        metadata: { k: 'v'.repeat(513) },
      },
      ['body', 'metadata', 'k'],
    ],
    [
      'a number as metadata value',
      { requests: [{ body: chat('x') }], endpoint: '/v1/embeddings', metadata: { k: 1 } },
      ['body', 'metadata', 'k'],
    ],
    ['neither input_files nor requests', { endpoint: '/v1/chat/completions' }, ['body']],
    [
      'both input_files and requests',
      {
        endpoint: '/v1/chat/completions',
        requests: [{ body: chat('x') }],
        input_files: ['00000000-0000-0000-0000-000000000000'],
      },
      ['body'],
    ],
    [
      'a request without body',
      { endpoint: '/v1/chat/completions', requests: [{ custom_id: '1' }] },
      ['body', 'requests', 0, 'body'],
    ],
    [
      'an input file that does not exist',
      { endpoint: '/v1/chat/completions', input_files: ['00000000-0000-0000-0000-000000000000'] },
      ['body', 'input_files', 0],
    ],
  ])('answers 422 with detail[] for %s', async (_name, body, loc) => {
    const { status, body: error } = await create(body)
    expect(status).toBe(422)
    expectSchema('HTTPValidationError', error)
    expect((error as { detail: Array<{ loc: unknown }> }).detail.map((d) => d.loc)).toContainEqual(
      loc,
    )
  })

  it('answers 422 for more than 10,000 inline requests, and for a file that is not a batch file', async () => {
    const many = Array.from({ length: 10_001 }, () => ({ body: chat('x') }))
    const tooMany = await create({ endpoint: '/v1/chat/completions', requests: many })
    expect(tooMany.status).toBe(422)
    expect((tooMany.body as { detail: Array<{ loc: unknown }> }).detail[0]?.loc).toEqual([
      'body',
      'requests',
    ])

    const fineTune = (
      (await upload(emulator.url, 'x\n', { purpose: 'fine-tune' })).body as { id: string }
    ).id
    const wrongPurpose = await create({ endpoint: '/v1/chat/completions', input_files: [fineTune] })
    expect(wrongPurpose.status).toBe(422)
    expect(JSON.stringify(wrongPurpose.body)).toContain('not a batch file')
  })

  it('answers 422 for a body that is not JSON', async () => {
    const response = await fetch(`${emulator.url}/v1/batch/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    })
    expect(response.status).toBe(422)
    expectSchema('HTTPValidationError', await response.json())
  })

  it('answers 404 in Mistral shape for an unknown job on get, cancel and delete', async () => {
    const id = '11111111-1111-1111-1111-111111111111'
    for (const [method, path] of [
      ['GET', `/v1/batch/jobs/${id}`],
      ['POST', `/v1/batch/jobs/${id}/cancel`],
      ['DELETE', `/v1/batch/jobs/${id}`],
    ] as const) {
      const { status, body } = await call(emulator.url, method, path)
      expect(status).toBe(404)
      expect(body).toEqual({
        object: 'error',
        message: `Batch job ${id} not found`,
        type: 'invalid_request_error',
        param: null,
        code: 'not_found',
      })
    }
  })

  it('lists jobs with pagination, order_by and every filter (metadata both ways)', async () => {
    await emulator.reset()
    const make = async (extra: Record<string, unknown>) =>
      (
        (
          await create({
            endpoint: '/v1/chat/completions',
            requests: [{ body: chat('x') }],
            ...extra,
          })
        ).body as Job
      ).id
    const a = await make({ model: 'm1', metadata: { team: 'red', env: 'ci' } })
    const b = await make({ model: 'm2', metadata: { team: 'blue' } })
    const c = await make({ agent_id: 'agent-7', metadata: { team: 'red' } })
    await call(emulator.url, 'POST', `/v1/batch/jobs/${b}/cancel`)
    await waitForJob(emulator.url, b, isTerminal)

    const ids = async (query: string): Promise<string[]> => {
      const { status, body } = await call(emulator.url, 'GET', `/v1/batch/jobs${query}`)
      expect(status).toBe(200)
      expectSchema('ListBatchJobsResponse', body)
      return (body as { data: Job[] }).data.map((job) => job.id)
    }
    expect(await ids('')).toEqual([c, b, a])
    expect(await ids('?order_by=created')).toEqual([a, b, c])
    expect(await ids('?page=1&page_size=2')).toEqual([a])
    const page = await call(emulator.url, 'GET', '/v1/batch/jobs?page=0&page_size=2')
    expect(page.body).toMatchObject({ object: 'list', total: 3 })
    expect(await ids('?model=m1')).toEqual([a])
    expect(await ids('?agent_id=agent-7')).toEqual([c])
    expect(await ids('?status=CANCELLED')).toEqual([b])
    expect(await ids('?status=QUEUED&status=CANCELLED')).toEqual([c, b, a])
    expect(await ids('?team=red')).toEqual([c, a])
    expect(await ids('?team=red&env=ci')).toEqual([a])
    expect(await ids(`?metadata=${encodeURIComponent('{"team":"blue"}')}`)).toEqual([b])
    expect(await ids('?created_by_me=true')).toEqual([c, b, a])
    const past = new Date(Date.now() - 60_000).toISOString()
    const future = new Date(Date.now() + 60_000).toISOString()
    expect(await ids(`?created_after=${past}`)).toEqual([c, b, a])
    expect(await ids(`?created_after=${future}`)).toEqual([])

    for (const query of [
      '?status=DONE',
      '?order_by=name',
      '?created_after=yesterday',
      '?page_size=0',
    ]) {
      const { status, body } = await call(emulator.url, 'GET', `/v1/batch/jobs${query}`)
      expect(status).toBe(422)
      expectSchema('HTTPValidationError', body)
    }
  })

  it('narrows created_by_me=true to the jobs created with the lister’s own bearer token', async () => {
    await emulator.reset()
    const as = (token: string | undefined): Record<string, string> =>
      token === undefined ? {} : { authorization: `Bearer ${token}` }
    const make = async (token: string | undefined) =>
      (
        (
          await call(
            emulator.url,
            'POST',
            '/v1/batch/jobs',
            { endpoint: '/v1/chat/completions', requests: [{ body: chat('x') }] },
            as(token),
          )
        ).body as Job
      ).id
    const alice = await make('key-alice')
    const bob = await make('key-bob')
    const anonymous = await make(undefined)
    const ids = async (query: string, token: string | undefined): Promise<string[]> => {
      const { status, body } = await call(
        emulator.url,
        'GET',
        `/v1/batch/jobs${query}`,
        undefined,
        as(token),
      )
      expect(status).toBe(200)
      expectSchema('ListBatchJobsResponse', body)
      return (body as { data: Job[] }).data.map((job) => job.id)
    }
    expect(await ids('?created_by_me=true', 'key-alice')).toEqual([alice])
    expect(await ids('?created_by_me=true', 'key-bob')).toEqual([bob])
    expect(await ids('?created_by_me=true', undefined)).toEqual([anonymous])
    expect(await ids('?created_by_me=true', 'key-carol')).toEqual([])
    expect(await ids('?created_by_me=false', 'key-alice')).toEqual([anonymous, bob, alice])
    expect(await ids('', 'key-carol')).toEqual([anonymous, bob, alice])
  })

  it('cancels a queued job (CANCELLATION_REQUESTED, then CANCELLED) and deletes it', async () => {
    const id = (
      (await create({ endpoint: '/v1/embeddings', requests: [{ body: { input: 'x' } }] }))
        .body as Job
    ).id
    const cancelled = await call(emulator.url, 'POST', `/v1/batch/jobs/${id}/cancel`)
    expectSchema('BatchJob', cancelled.body)
    expect(cancelled.body).toMatchObject({ status: 'CANCELLATION_REQUESTED' })
    const final = await waitForJob(emulator.url, id, isTerminal)
    expect(final).toMatchObject({ status: 'CANCELLED', started_at: null, completed_requests: 0 })
    expect(final.completed_at).toEqual(expect.any(Number))

    const again = await call(emulator.url, 'POST', `/v1/batch/jobs/${id}/cancel`)
    expect(again.body).toMatchObject({ status: 'CANCELLED' })

    const deleted = await call(emulator.url, 'DELETE', `/v1/batch/jobs/${id}`)
    expectSchema('DeleteBatchJobResponse', deleted.body)
    expect(deleted.body).toEqual({ id, object: 'batch', deleted: true })
    expect((await call(emulator.url, 'GET', `/v1/batch/jobs/${id}`)).status).toBe(404)
  })

  it('answers unknown routes with 404 and every response with a request id and rate-limit headers', async () => {
    const unknown = await call(emulator.url, 'GET', '/v1/nothing')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ detail: 'Not Found' })
    for (const response of [unknown, await call(emulator.url, 'GET', '/v1/batch/jobs')]) {
      expect(response.headers.get('x-kong-request-id')).toMatch(/^[0-9a-f]{32}$/)
      expect(response.headers.get('x-ratelimit-limit-req-minute')).toBe('6000')
      expect(Number(response.headers.get('x-ratelimit-remaining-req-minute'))).toBeLessThan(6000)
      expect(response.headers.get('x-ratelimit-remaining-tokens-month')).toEqual(expect.any(String))
    }
  })
})
