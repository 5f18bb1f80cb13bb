// failedLines: result lines that fail as an overloaded model server's would, for retries of rows.
import { startEmulator, type RunningEmulator } from '../../src/index'

const jsonl = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      custom_id: `r${i}`,
      body: { messages: [{ role: 'user', content: `q${i}` }] },
    }),
  ).join('\n')

/** Runs `count` requests as one inline job and returns its result lines (output and error). */
const runJob = async (emulator: RunningEmulator, count: number) => {
  const requests = jsonl(count)
    .split('\n')
    .map((line) => JSON.parse(line) as unknown)
  const created = await fetch(`${emulator.url}/v1/batch/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: JSON.stringify({ endpoint: '/v1/chat/completions', model: 'm', requests }),
  })
  const { id } = (await created.json()) as { id: string }
  let after = -1
  for (;;) {
    const reply = await fetch(`${emulator.url}/_emulator/jobs/${id}/next?after=${after}`)
    const { version, job } = (await reply.json()) as {
      version: number
      job: { status: string; outputs?: Array<{ response: { status_code: number } }> }
    }
    if (job.status === 'SUCCESS' || job.status === 'FAILED') break
    after = version
  }
  const job = (await (
    await fetch(`${emulator.url}/v1/batch/jobs/${id}?inline=true`, {
      headers: { authorization: 'Bearer k' },
    })
  ).json()) as { outputs: Array<{ custom_id: string; response: { status_code: number } }> }
  return job.outputs
}

describe('failedLines', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      rate: Infinity,
      queueDelayMs: 0,
      failedLines: { rate: 0.3, status: 503 },
    })
  })
  afterAll(() => emulator.close())

  it('fails about that share of lines with the status, and other lines in another job', async () => {
    const first = await runJob(emulator, 400)
    const failed = first.filter((line) => line.response.status_code === 503)
    expect(first).toHaveLength(400)
    expect(failed.length).toBeGreaterThan(80)
    expect(failed.length).toBeLessThan(160)
    expect(first.filter((line) => ![200, 503].includes(line.response.status_code))).toEqual([])
    const second = await runJob(emulator, 400)
    const failedAgain = new Set(
      second.filter((line) => line.response.status_code === 503).map((line) => line.custom_id),
    )
    // the draw is per job and line: the same requests do not all fail again
    expect(failed.filter((line) => failedAgain.has(line.custom_id)).length).toBeLessThan(
      failed.length,
    )
  })
})
