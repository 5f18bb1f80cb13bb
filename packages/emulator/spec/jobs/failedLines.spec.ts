// failedLines and missingLines: result lines that fail as an overloaded model server's would, or
// that a server loses, for retries of rows.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/index'

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
  return (await (
    await fetch(`${emulator.url}/v1/batch/jobs/${id}?inline=true`, {
      headers: { authorization: 'Bearer k' },
    })
  ).json()) as {
    status: string
    completed_requests: number
    succeeded_requests: number
    outputs: Array<{ custom_id: string; response: { status_code: number } }>
  }
}

const emulatorWith = (options: EmulatorOptions) => {
  const running: { emulator?: RunningEmulator } = {}
  beforeAll(async () => {
    running.emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0, ...options })
  })
  afterAll(() => running.emulator?.close())
  return () => running.emulator as RunningEmulator
}

describe('failedLines', () => {
  const emulator = emulatorWith({ failedLines: { rate: 0.3, status: 503 } })

  it('fails about that share of lines with the status, and other lines in another job', async () => {
    const first = (await runJob(emulator(), 400)).outputs
    const failed = first.filter((line) => line.response.status_code === 503)
    expect(first).toHaveLength(400)
    expect(failed.length).toBeGreaterThan(80)
    expect(failed.length).toBeLessThan(160)
    expect(first.filter((line) => ![200, 503].includes(line.response.status_code))).toEqual([])
    const second = (await runJob(emulator(), 400)).outputs
    const failedAgain = new Set(
      second.filter((line) => line.response.status_code === 503).map((line) => line.custom_id),
    )
    // the draw is per job and line: the same requests do not all fail again
    expect(failed.filter((line) => failedAgain.has(line.custom_id)).length).toBeLessThan(
      failed.length,
    )
  })
})

describe('missingLines', () => {
  const emulator = emulatorWith({ missingLines: { rate: 0.2 } })

  it('leaves about that share of lines out, counted as succeeded, others in another job', async () => {
    const first = await runJob(emulator(), 400)
    const answered = new Set(first.outputs.map((line) => line.custom_id))
    expect(answered.size).toBe(first.outputs.length)
    expect(400 - answered.size).toBeGreaterThan(40)
    expect(400 - answered.size).toBeLessThan(120)
    expect(first).toMatchObject({
      status: 'SUCCESS',
      completed_requests: 400,
      succeeded_requests: 400,
    })
    const second = await runJob(emulator(), 400)
    const left = Array.from({ length: 400 }, (_, i) => `r${i}`).filter((id) => !answered.has(id))
    const answeredAgain = new Set(second.outputs.map((line) => line.custom_id))
    expect(left.filter((id) => answeredAgain.has(id)).length).toBeGreaterThan(0)
  })
})
