// Small HTTP helpers for the emulator specs: JSON calls, uploads and job waits, over the real network.

/** A response read to the end: status, headers and parsed JSON (or text). */
export interface ReadResponse {
  status: number
  headers: Headers
  body: unknown
  text: string
}

/** Sends a request and reads the whole body. */
export const call = async (
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ReadResponse> => {
  const init: RequestInit = { method, headers: { ...headers } }
  if (body !== undefined) {
    init.body = JSON.stringify(body)
    init.headers = { 'content-type': 'application/json', ...headers }
  }
  const response = await fetch(`${baseUrl}${path}`, init)
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed, text }
}

/** Uploads `content` as a multipart file with the given fields. */
export const upload = async (
  baseUrl: string,
  content: string,
  fields: Record<string, string> = { purpose: 'batch' },
  filename = 'input.jsonl',
): Promise<ReadResponse> => {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  form.append('file', new Blob([content]), filename)
  const response = await fetch(`${baseUrl}/v1/files`, { method: 'POST', body: form })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text }
}

/** JSONL of `count` chat requests with custom ids `0`..`count-1`. */
export const chatJsonl = (count: number, from = 0): string =>
  Array.from(
    { length: count },
    (_, i) =>
      JSON.stringify({
        custom_id: String(from + i),
        body: { max_tokens: 16, messages: [{ role: 'user', content: `Question ${from + i}` }] },
      }) + '\n',
  ).join('')

/** A wire job, loosely typed for assertions. */
export type Job = Record<string, unknown> & {
  id: string
  status: string
  total_requests: number
  completed_requests: number
  succeeded_requests: number
  failed_requests: number
  output_file: string | null
  error_file: string | null
}

/**
 * The job once `done(job)` holds: each change of the job is awaited on the emulator's long poll
 * (`GET /_emulator/jobs/:id/next`), never on a clock. `_timeoutMs` is left to jest's own timeout.
 */
export const waitForJob = async (
  baseUrl: string,
  id: string,
  done: (job: Job) => boolean,
  _timeoutMs?: number,
): Promise<Job> => {
  for (let after = -1; ;) {
    const { status, body } = await call(baseUrl, 'GET', `/_emulator/jobs/${id}/next?after=${after}`)
    if (status !== 200) throw new Error(`waiting for job ${id}: ${status} ${JSON.stringify(body)}`)
    const { version, job } = body as { version: number; job: Job }
    if (done(job)) return job
    after = version
  }
}

/** Terminal statuses. */
export const isTerminal = (job: Job): boolean =>
  ['SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', 'CANCELLED'].includes(job.status)

/** The lines of a downloaded JSONL file, parsed. */
export const downloadLines = async (
  baseUrl: string,
  fileId: string,
): Promise<Array<Record<string, unknown>>> => {
  const { text } = await call(baseUrl, 'GET', `/v1/files/${fileId}/content`)
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}
