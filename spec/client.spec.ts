// createClient: the config validated once, the resources bound, the key never shown.
import { inspect } from 'node:util'
import { lastValueFrom } from 'rxjs'
import { createClient } from '../src/client.js'
import { InvalidRequestError } from '../src/errors/InvalidRequestError.js'
import { batchJobBody } from './support/batchJobBody.js'
import { json, startServer } from './support/httpServer.js'

const KEY = 'sk-client-spec-SECRET'

describe('createClient', () => {
  it('throws InvalidRequestError for an invalid config', () => {
    expect(() => createClient({ apiKey: KEY, baseUrl: 'nope' })).toThrow(InvalidRequestError)
  })

  it('tells its config without the key', () => {
    const client = createClient({ apiKey: KEY })
    expect(client.config).toEqual({
      baseUrl: 'https://api.mistral.ai',
      timeoutMs: 60_000,
      retry: {
        maxRetries: 4,
        initialDelayMs: 500,
        maxDelayMs: 30_000,
        maxRetryAfterMs: 120_000,
        jitter: 'full',
      },
      userAgent: 'mistral-batch-rx/0.1.0',
      allowInsecureHttp: false,
    })
    expect(JSON.stringify(client)).not.toContain(KEY)
    expect(inspect(client, { depth: Infinity })).not.toContain(KEY)
  })

  it('gets a batch job from the configured server with the key', async () => {
    const server = await startServer()
    try {
      const job = batchJobBody()
      server.reply(json(200, job))
      const client = createClient({ apiKey: KEY, baseUrl: server.url })
      await expect(lastValueFrom(client.batch.get$(String(job.id)))).resolves.toEqual(job)
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`)
    } finally {
      await server.close()
    }
  })
})
