// Scale: a 100,000-request job finishes fast with exact counters and exactly one line per request.
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { startEmulator, type RunningEmulator } from '../src/index'
import { call, chatJsonl, isTerminal, upload, waitForJob, type Job } from './support/emulatorClient'

describe('emulator at scale', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())

  it('runs 100,000 requests to SUCCESS with exact counters and 100,000 output lines', async () => {
    const total = 100_000
    const file = (await upload(emulator.url, chatJsonl(total))).body as {
      id: string
      num_lines: number
    }
    expect(file.num_lines).toBe(total)
    const created = (
      await call(emulator.url, 'POST', '/v1/batch/jobs', {
        input_files: [file.id],
        endpoint: '/v1/chat/completions',
        model: 'ministral-3b-latest',
      })
    ).body as Job
    const done = await waitForJob(emulator.url, created.id, isTerminal, 30_000)
    expect(done).toMatchObject({
      status: 'SUCCESS',
      total_requests: total,
      completed_requests: total,
      succeeded_requests: total,
      failed_requests: 0,
      error_file: null,
    })

    // Stream the download and check every custom_id arrives exactly once.
    const response = await fetch(`${emulator.url}/v1/files/${done.output_file}/content`)
    const seen = new Uint8Array(total)
    let lines = 0
    const reader = createInterface({ input: Readable.fromWeb(response.body as never) })
    for await (const line of reader) {
      if (line === '') continue
      const id = Number((JSON.parse(line) as { custom_id: string }).custom_id)
      seen[id] = (seen[id] ?? 0) + 1
      lines += 1
    }
    expect(lines).toBe(total)
    expect([...seen.keys()].filter((id) => seen[id] !== 1)).toEqual([])
  }, 60_000)
})
