// create$ against the emulator: laziness, decoded jobs, errors, the unsafe retry policy, aborts.
import { lastValueFrom } from 'rxjs'
import { create$ } from '../../src/batch/create.js'
import { HttpError, NetworkError } from '../../src/errors/index.js'
import { chatJsonl, upload } from '../../packages/emulator/spec/support/emulatorClient.js'
import { batchJobBody } from '../support/batchJobBody.js'
import { testContext } from '../support/httpContext.js'
import { closedPort, json, startServer } from '../support/httpServer.js'
import { requestsBySubscription } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { inlineJob, startBatchEmulator, type BatchEmulator } from './emulatorFixture.js'

let env: BatchEmulator

beforeAll(async () => {
  env = await startBatchEmulator()
})
afterAll(() => env.emulator.close())
beforeEach(async () => {
  env.emulator.faults.clear()
  await env.emulator.reset()
})

const jobCount = (): number => env.emulator.stats().jobs.total

describe('create$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    await expect(
      requestsBySubscription(env.emulator.url, (ctx) => create$(ctx, inlineJob)),
    ).resolves.toEqual({
      built: [],
      first: ['POST /v1/batch/jobs'],
      second: ['POST /v1/batch/jobs'],
    })
    expect(env.calls()).toEqual(['POST /v1/batch/jobs', 'POST /v1/batch/jobs'])
    expect(jobCount()).toBe(2)
  })

  it('creates an inline job and emits it decoded', async () => {
    const job = await lastValueFrom(
      create$(env.ctx, { ...inlineJob, metadata: { team: 'blue' }, agent_id: null }),
    )
    expect(job).toMatchObject({
      object: 'batch',
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      status: 'QUEUED',
      input_files: [],
      metadata: { team: 'blue' },
      completed_requests: 0,
    })
    expect(jobCount()).toBe(1)
  })

  it('creates a job from uploaded files', async () => {
    const file = (await upload(env.emulator.url, chatJsonl(3))).body as { id: string }
    env.emulator.clearRequests()
    const job = await lastValueFrom(
      create$(env.ctx, {
        endpoint: '/v1/chat/completions',
        model: 'mistral-small-latest',
        input_files: [file.id],
        timeout_hours: 2,
      }),
    )
    expect(job).toMatchObject({ input_files: [file.id], status: 'QUEUED' })
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('sends an unknown endpoint when allowed, and gives the 422 as an HttpError', async () => {
    const failure = lastValueFrom(
      create$(env.ctx, { ...inlineJob, endpoint: '/v1/brand-new' }, { allowUnknownEndpoint: true }),
    )
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 422, method: 'POST' })
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('gives a 404 as an HttpError', async () => {
    const failure = lastValueFrom(create$(testContext(`${env.emulator.url}/nowhere`), inlineJob))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404 })
    expect(jobCount()).toBe(0)
  })

  it('retries a 429, which proves nothing was created', async () => {
    env.emulator.faults.set({
      rules: [{ route: 'POST /v1/batch/jobs', kind: '429', times: 2, retryAfterSeconds: 0 }],
    })
    await lastValueFrom(create$(env.ctx, inlineJob))
    expect(env.emulator.requests.map((r) => r.status)).toEqual([429, 429, 200])
    expect(jobCount()).toBe(1)
  })

  it('does not retry a 500 without an idempotency key: the server may have acted', async () => {
    env.emulator.faults.set({ rules: [{ route: 'POST /v1/batch/jobs', kind: '500', times: 1 }] })
    const failure = lastValueFrom(create$(env.ctx, inlineJob))
    await expect(failure).rejects.toMatchObject({ status: 500 })
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('does not retry a reset after sending without an idempotency key', async () => {
    env.emulator.faults.set({
      rules: [{ route: 'POST /v1/batch/jobs', kind: 'reset-after-processing', times: 1 }],
    })
    await expect(lastValueFrom(create$(env.ctx, inlineJob))).rejects.toBeInstanceOf(NetworkError)
    expect(env.emulator.requests).toHaveLength(1)
    expect(jobCount()).toBe(1)
  })

  it('aborts the request when unsubscribed', async () => {
    const outcome = await unsubscribeMidBody(env.emulator, 'POST /v1/batch/jobs', (ctx) =>
      create$(ctx, inlineJob),
    )
    expect(outcome).toEqual(ABORTED_MID_BODY)
  })
})

describe('create$ without an idempotency key, against a scripted server', () => {
  const unavailable = { message: 'Service unavailable', type: 'service_unavailable' }

  it('retries a 503 that carries Retry-After: the server says it did not act', async () => {
    const server = await startServer()
    try {
      server.reply(json(503, unavailable, { 'retry-after': '0' }), json(200, batchJobBody()))
      const job = await lastValueFrom(create$(testContext(server.url), inlineJob))
      expect(job.id).toBe(batchJobBody().id)
      expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST'])
    } finally {
      await server.close()
    }
  })

  it('does not retry a 503 without Retry-After: the server may have acted', async () => {
    const server = await startServer()
    try {
      server.reply(json(503, unavailable), json(200, batchJobBody()))
      const failure = lastValueFrom(create$(testContext(server.url), inlineJob))
      await expect(failure).rejects.toMatchObject({ status: 503 })
      expect(server.requests).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it('retries a refused connection, then gives up with its NetworkError', async () => {
    const port = await closedPort()
    let attempts = 0
    const ctx = testContext(`http://127.0.0.1:${port}`, {
      fetch: (input, init) => {
        attempts += 1
        return fetch(input, init)
      },
    })
    const failure = lastValueFrom(create$(ctx, inlineJob))
    await expect(failure).rejects.toMatchObject({ _tag: 'NetworkError', code: 'ECONNREFUSED' })
    // maxRetries is 3 in tests
    expect(attempts).toBe(4)
  })
})

describe('create$ with a body that has no JSON text', () => {
  // each body fits ChatCompletionRequest (extra keys pass), so only its JSON form is at fault
  const messages = [{ role: 'user', content: 'Hi' }]
  const cyclic: Record<string, unknown> = { role: 'user', content: 'Hi' }
  cyclic.self = cyclic
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a BigInt', { messages, big: 1n }, 'body.requests[0].body.big', /a BigInt has no JSON form$/],
    ['a cycle', { messages: [cyclic] }, 'body.requests[0].body.messages[0].self', /a cycle/],
    [
      'a throwing toJSON',
      {
        messages,
        when: {
          toJSON: () => {
            throw new Error('no date')
          },
        },
      },
      'body.requests[0].body.when',
      /its toJSON\(\) threw: no date$/,
    ],
  ])(
    'is an InvalidRequestError naming the path of %s, with nothing sent',
    async (_what, body, field, reason) => {
      for (const options of [{}, { idempotencyKey: 'create-spec-key' }]) {
        const failure = lastValueFrom(
          create$(env.ctx, { ...inlineJob, requests: [{ custom_id: 'a', body }] }, options),
        )
        await expect(failure).rejects.toMatchObject({ _tag: 'InvalidRequestError', field })
        await expect(failure).rejects.toThrow(reason)
      }
      expect(env.emulator.requests).toEqual([])
      expect(jobCount()).toBe(0)
    },
  )
})

describe('create$ of inline requests checks each body against its endpoint', () => {
  const bad = { custom_id: 'bad', body: { messages: [{ role: 'user', content: 42 }] } }

  it('refuses a body that does not fit, naming it and its path, with nothing sent', async () => {
    const failure = lastValueFrom(
      create$(env.ctx, { ...inlineJob, requests: [...(inlineJob.requests ?? []), bad] }),
    )
    await expect(failure).rejects.toMatchObject({
      _tag: 'InvalidRequestError',
      field: 'requests[2].body.messages[0].content',
      message:
        'requests[2] (custom_id "bad"): body.messages[0].content: expected MessageContent ' +
        '(string | null | ContentChunk[]), got 42 (checked as a ChatCompletionRequest, the body ' +
        'of /v1/chat/completions)',
    })
    expect(env.emulator.requests).toEqual([])
    expect(jobCount()).toBe(0)
  })

  it('sends it unchecked with validateBodies: false', async () => {
    const job = await lastValueFrom(
      create$(env.ctx, { ...inlineJob, requests: [bad] }, { validateBodies: false }),
    )
    expect(job.status).toBe('QUEUED')
    expect(jobCount()).toBe(1)
  })

  it('never checks the bodies of an endpoint it does not know', async () => {
    const failure = lastValueFrom(
      create$(
        env.ctx,
        { endpoint: '/v1/future', requests: [{ body: { anything: true } }] },
        { allowUnknownEndpoint: true },
      ),
    )
    // sent: the emulator, which knows no such endpoint either, refuses it
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('refuses a validateBodies that is not a boolean', async () => {
    const failure = lastValueFrom(create$(env.ctx, inlineJob, { validateBodies: 1 as never }))
    await expect(failure).rejects.toMatchObject({
      _tag: 'InvalidRequestError',
      field: 'validateBodies',
      message: 'validateBodies must be true or false.',
    })
    expect(env.emulator.requests).toEqual([])
  })
})
