// Batch jobs made straight over HTTP for the benchmarks, and the clients that read them.
import { lib } from './env.mjs'

const { fetch } = globalThis

/** The API key the benchmarks send (the emulator accepts any). */
export const BENCH_API_KEY = 'bench-key'

/** One small inline chat request. */
export const chatRequest = (i) => ({
  custom_id: String(i),
  body: { max_tokens: 8, messages: [{ role: 'user', content: `Question ${i}` }] },
})

/** Creates one inline job of `requests` chat requests over plain fetch; resolves with the job. */
export const createInlineJob = async (url, requests = 1) => {
  const response = await fetch(`${url}/v1/batch/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      endpoint: '/v1/chat/completions',
      model: 'ministral-3b-latest',
      requests: Array.from({ length: requests }, (_, i) => chatRequest(i)),
    }),
  })
  if (!response.ok) throw new Error(`create failed: ${response.status} ${await response.text()}`)
  return response.json()
}

/** Creates `count` one-request inline jobs, `concurrency` at a time. */
export const seedJobs = async (url, count, concurrency = 32) => {
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await createInlineJob(url)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

/** A client of this library on the emulator at `url`. */
export const ourClient = (url, config = {}) =>
  lib('index.js').createClient({ apiKey: BENCH_API_KEY, baseUrl: url, ...config })

/** Mistral's SDK on the emulator at `url`. */
export const sdkClient = async (url) => {
  const { Mistral } = await import('@mistralai/mistralai')
  return new Mistral({ apiKey: BENCH_API_KEY, serverURL: url })
}

/** The logged requests of the emulator with this method whose path matches. */
export const countRequests = async (emulator, method, pathPattern) =>
  (await emulator.requests()).filter(
    (request) => request.method === method && pathPattern.test(request.path),
  ).length
