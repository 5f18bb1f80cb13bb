// Every fault kind over the real network, auth, the request log and the admin routes.
import { startEmulator, type RunningEmulator } from '../../src/index'
import { call, chatJsonl, upload, type Job } from '../support/emulatorClient'
import { expectSchema } from '../support/openApiSchemas'
import { rawRequest } from '../support/rawHttp'

describe('emulator faults, auth and request log', () => {
  let emulator: RunningEmulator
  let fileId: string
  const content = chatJsonl(200)
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 60_000 })
    fileId = ((await upload(emulator.url, content)).body as { id: string }).id
  })
  afterAll(() => emulator.close())
  beforeEach(() => {
    emulator.faults.clear()
    emulator.clearRequests()
  })

  it('answers 429 in Mistral shape with Retry-After, then lets the next request through', async () => {
    emulator.faults.set({
      rules: [{ route: 'GET /v1/batch/jobs', kind: '429', times: 1, retryAfterSeconds: 7 }],
    })
    const limited = await call(emulator.url, 'GET', '/v1/batch/jobs')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(limited.headers.get('x-kong-request-id')).toMatch(/^[0-9a-f]{32}$/)
    expect(limited.body).toEqual({
      object: 'error',
      message: 'Rate limit exceeded',
      type: 'rate_limited',
      param: null,
      code: '1300',
    })
    expect((await call(emulator.url, 'GET', '/v1/batch/jobs')).status).toBe(200)
    expect(emulator.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, '429'],
      [200, null],
    ])
  })

  it.each(['500', '502', '503'] as const)('answers %s with an error body', async (kind) => {
    emulator.faults.set({ rules: [{ route: '*', kind }] })
    const { status, body } = await call(emulator.url, 'GET', `/v1/files/${fileId}`)
    expect(status).toBe(Number(kind))
    expect(body).toMatchObject({ object: 'error', type: 'internal_server_error', param: null })
  })

  it('resets before the response: the request is not processed', async () => {
    emulator.faults.set({ rules: [{ route: 'POST /v1/batch/jobs', kind: 'reset' }] })
    const before = emulator.stats().jobs.total
    await expect(
      call(emulator.url, 'POST', '/v1/batch/jobs', {
        endpoint: '/v1/embeddings',
        input_files: [fileId],
      }),
    ).rejects.toThrow()
    expect(emulator.stats().jobs.total).toBe(before)
    expect(emulator.requests[0]).toMatchObject({ method: 'POST', status: 0, fault: 'reset' })
  })

  it('resets after processing: the job IS created, the client gets no response', async () => {
    emulator.faults.set({
      rules: [{ route: 'POST /v1/batch/jobs', kind: 'reset-after-processing', times: 1 }],
    })
    const before = emulator.stats().jobs.total
    await expect(
      call(emulator.url, 'POST', '/v1/batch/jobs', {
        endpoint: '/v1/chat/completions',
        input_files: [fileId],
        metadata: { attempt: 'dropped' },
      }),
    ).rejects.toThrow()
    expect(emulator.stats().jobs.total).toBe(before + 1)
    const listed = await call(emulator.url, 'GET', '/v1/batch/jobs?attempt=dropped')
    expect((listed.body as { data: Job[] }).data).toHaveLength(1)
    expect(emulator.requests[0]).toMatchObject({ status: 0, fault: 'reset-after-processing' })
  })

  it('resets in the middle of a download, after the full Content-Length was announced', async () => {
    emulator.faults.set({
      rules: [{ route: 'GET /v1/files/:id/content', kind: 'reset-mid-body', cutAtFraction: 0.25 }],
    })
    const outcome = await rawRequest(`${emulator.url}/v1/files/${fileId}/content`)
    expect(outcome.status).toBe(200)
    expect(outcome.headers?.['content-length']).toBe(String(Buffer.byteLength(content)))
    expect(outcome.received).toBe(Math.floor(Buffer.byteLength(content) * 0.25))
    expect(outcome.error).toBeDefined()
  })

  it('resets in the middle of a JSON body', async () => {
    emulator.faults.set({ rules: [{ route: 'GET /v1/files/:id', kind: 'reset-mid-body' }] })
    const outcome = await rawRequest(`${emulator.url}/v1/files/${fileId}`)
    expect(outcome.status).toBe(200)
    const length = Number(outcome.headers?.['content-length'])
    expect(outcome.received).toBe(Math.floor(length / 2))
    expect(outcome.error).toBeDefined()
    await expect(call(emulator.url, 'GET', `/v1/files/${fileId}`)).rejects.toThrow()
  })

  it('truncates a download: the connection closes cleanly before Content-Length bytes', async () => {
    emulator.faults.set({
      rules: [{ route: 'GET /v1/files/:id/content', kind: 'truncate', cutAtFraction: 0.6 }],
    })
    const outcome = await rawRequest(`${emulator.url}/v1/files/${fileId}/content`)
    expect(outcome.status).toBe(200)
    expect(outcome.received).toBe(Math.floor(Buffer.byteLength(content) * 0.6))
    expect(outcome.error).toBeDefined()
  })

  it('sends a slow body in small chunks, complete and intact', async () => {
    emulator.faults.set({
      rules: [
        { route: 'GET /v1/files/:id/content', kind: 'slow-body', chunkBytes: 4096, delayMs: 5 },
      ],
    })
    const outcome = await rawRequest(`${emulator.url}/v1/files/${fileId}/content`)
    expect(outcome.error).toBeUndefined()
    expect(outcome.received).toBe(Buffer.byteLength(content))
    expect(outcome.chunks).toBeGreaterThanOrEqual(Math.ceil(Buffer.byteLength(content) / 4096))
    const json = await call(emulator.url, 'GET', '/v1/batch/jobs')
    expectSchema('ListBatchJobsResponse', json.body)
  })

  it('gives the same statuses for the same seed (a repeatable fault run)', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const seeded = await startEmulator({
        seed,
        faults: {
          rules: [
            { route: 'GET *', kind: '503', rate: 0.3 },
            { route: 'GET *', kind: '429', rate: 0.2 },
          ],
        },
      })
      try {
        const statuses: number[] = []
        for (let i = 0; i < 30; i += 1)
          statuses.push((await call(seeded.url, 'GET', '/v1/batch/jobs')).status)
        expect(seeded.requests.map((r) => r.status)).toEqual(statuses)
        return statuses
      } finally {
        await seeded.close()
      }
    }
    const first = await run(1234)
    expect(new Set(first)).toEqual(new Set([200, 429, 503]))
    expect(await run(1234)).toEqual(first)
    expect(await run(999)).not.toEqual(first)
  })

  it('sets, reads and clears faults through /_emulator/faults; admin routes are never faulted', async () => {
    const put = await call(emulator.url, 'PUT', '/_emulator/faults', {
      seed: 5,
      rules: [{ route: '*', kind: '500' }],
    })
    expect(put.status).toBe(200)
    expect((await call(emulator.url, 'GET', '/v1/batch/jobs')).status).toBe(500)
    const got = await call(emulator.url, 'GET', '/_emulator/faults')
    expect(got.body).toMatchObject({
      seed: 5,
      rules: [{ route: '*', kind: '500' }],
      injected: [{ kind: '500' }],
    })
    const stats = await call(emulator.url, 'GET', '/_emulator/stats')
    expect(stats.status).toBe(200)
    expect(stats.body).toMatchObject({ openConnections: expect.any(Number), faultsInjected: 1 })
    expect(
      (
        await call(emulator.url, 'PUT', '/_emulator/faults', {
          rules: [{ route: '*', kind: 'boom' }],
        })
      ).status,
    ).toBe(400)
    expect((await call(emulator.url, 'DELETE', '/_emulator/faults')).body).toEqual({ rules: [] })
    expect((await call(emulator.url, 'GET', '/v1/batch/jobs')).status).toBe(200)
    expect(emulator.requests.filter((r) => r.path.startsWith('/_emulator/'))).toEqual([])
  })

  it('logs method, path, query, status and time; serves and clears the log over HTTP', async () => {
    await call(emulator.url, 'GET', '/v1/batch/jobs?status=QUEUED&status=RUNNING&page=2')
    expect(emulator.requests).toEqual([
      {
        method: 'GET',
        path: '/v1/batch/jobs',
        query: { status: ['QUEUED', 'RUNNING'], page: '2' },
        status: 200,
        time: expect.any(Number),
        requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
        fault: null,
      },
    ])
    expect(
      ((await call(emulator.url, 'GET', '/_emulator/requests')).body as { data: unknown[] }).data,
    ).toHaveLength(1)
    await call(emulator.url, 'DELETE', '/_emulator/requests')
    expect(emulator.requests).toHaveLength(0)
  })

  it('resets all data through POST /_emulator/reset', async () => {
    const scratch = await startEmulator()
    try {
      await upload(scratch.url, chatJsonl(1))
      expect(scratch.stats().files).toBe(1)
      expect((await call(scratch.url, 'POST', '/_emulator/reset')).status).toBe(200)
      expect(scratch.stats()).toMatchObject({ files: 0, requests: 0, jobs: { total: 0 } })
      expect((await call(scratch.url, 'GET', '/v1/files')).body).toMatchObject({
        data: [],
        total: 0,
      })
    } finally {
      await scratch.close()
    }
  })
})

describe('emulator auth', () => {
  it('answers 401 in Mistral shape for a missing or wrong bearer key, and accepts the right one', async () => {
    const emulator = await startEmulator({ apiKey: 'sekret' })
    try {
      for (const headers of [
        {},
        { authorization: 'Bearer nope' },
        { authorization: 'sekret' },
      ] as Array<Record<string, string>>) {
        const {
          status,
          body,
          headers: h,
        } = await call(emulator.url, 'GET', '/v1/batch/jobs', undefined, headers)
        expect(status).toBe(401)
        expect(body).toEqual({ message: 'Unauthorized', request_id: h.get('x-kong-request-id') })
      }
      const ok = await call(emulator.url, 'GET', '/v1/batch/jobs', undefined, {
        authorization: 'Bearer sekret',
      })
      expect(ok.status).toBe(200)
      expect((await call(emulator.url, 'GET', '/_emulator/stats')).status).toBe(200)
    } finally {
      await emulator.close()
    }
  })

  it('accepts any key (or none) when no apiKey is set', async () => {
    const emulator = await startEmulator()
    try {
      expect(
        (await call(emulator.url, 'GET', '/v1/files', undefined, { authorization: 'Bearer x' }))
          .status,
      ).toBe(200)
      expect((await call(emulator.url, 'GET', '/v1/files')).status).toBe(200)
    } finally {
      await emulator.close()
    }
  })
})
