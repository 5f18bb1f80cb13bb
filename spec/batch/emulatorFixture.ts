// An emulator for the batch operation specs: a client context on it, seeding and request counting.
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@mistral-batch-rx/emulator'
import type { CreateBatchJobInput } from '../../src/batch/createBatchJobInput.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import type { ClientConfig } from '../../src/config.js'
import { call, type Job } from '../../packages/emulator/spec/support/emulatorClient.js'
import { TEST_API_KEY, testContext } from '../support/httpContext.js'

/** A running emulator and a client context pointed at it. */
export interface BatchEmulator {
  readonly emulator: RunningEmulator
  readonly ctx: HttpContext
  /** The logged API requests, as `METHOD /path` strings. */
  readonly calls: () => string[]
}

/** Starts an emulator (jobs stay QUEUED unless `queueDelayMs` says otherwise) and a context on it. */
export const startBatchEmulator = async (
  options: EmulatorOptions = {},
  config: ClientConfig = {},
): Promise<BatchEmulator> => {
  const emulator = await startEmulator({ queueDelayMs: 3_600_000, ...options })
  return {
    emulator,
    ctx: testContext(emulator.url, config),
    calls: () => emulator.requests.map((request) => `${request.method} ${request.path}`),
  }
}

/** One small chat request, for inline jobs. */
export const chatRequest = (index: number) => ({
  custom_id: String(index),
  body: { max_tokens: 8, messages: [{ role: 'user', content: `Question ${index}` }] },
})

/** An inline chat job of two requests, for create$. */
export const inlineJob: CreateBatchJobInput = {
  endpoint: '/v1/chat/completions',
  model: 'mistral-small-latest',
  requests: [chatRequest(0), chatRequest(1)],
}

/** What a seeded job looks like; every field optional. */
export interface SeedJob {
  readonly model?: string
  readonly agent_id?: string
  readonly metadata?: Record<string, string>
}

/**
 * Creates the jobs straight over HTTP (not through the client under test), a few at a time,
 * in order, and returns them as the emulator answered. They are sent with the test client's key,
 * so the emulator counts them as that client's own (`created_by_me`).
 */
export const seedJobs = async (baseUrl: string, jobs: ReadonlyArray<SeedJob>): Promise<Job[]> => {
  const created: Job[] = []
  for (let start = 0; start < jobs.length; start += 25) {
    const chunk = jobs.slice(start, start + 25)
    const answers = await Promise.all(
      chunk.map((job) =>
        call(
          baseUrl,
          'POST',
          '/v1/batch/jobs',
          {
            endpoint: '/v1/chat/completions',
            model: job.model ?? 'mistral-small-latest',
            requests: [chatRequest(0)],
            ...(job.agent_id === undefined ? {} : { agent_id: job.agent_id }),
            ...(job.metadata === undefined ? {} : { metadata: job.metadata }),
          },
          { authorization: `Bearer ${TEST_API_KEY}` },
        ),
      ),
    )
    for (const answer of answers) {
      if (answer.status !== 200) throw new Error(`seeding failed: ${answer.status} ${answer.text}`)
      created.push(answer.body as Job)
    }
  }
  return created
}

/** Seeds one job, then clears the request log so a test sees only its own requests; its id. */
export const seedJobId = async (emulator: RunningEmulator): Promise<string> => {
  const [job] = await seedJobs(emulator.url, [{}])
  emulator.clearRequests()
  return job!.id
}

/** A UUID no job or file has. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'
