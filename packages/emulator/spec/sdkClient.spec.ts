// Mistral's official SDK, pointed at the emulator, completes a whole batch with no validation error.
import { execFile } from 'node:child_process'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { startEmulator, type RunningEmulator } from '../src/index'

const run = promisify(execFile)

describe('the official @mistralai/mistralai SDK against the emulator', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: 500, queueDelayMs: 20, apiKey: 'emulator-key' })
  })
  afterAll(() => emulator.close())

  it('uploads, creates, lists, polls, downloads, cancels and deletes', async () => {
    const { stdout } = await run(process.execPath, [path.join(__dirname, 'sdk-client.mjs')], {
      env: { ...process.env, EMULATOR_URL: emulator.url },
      timeout: 25_000,
    })
    const report = JSON.parse(stdout.trim().split('\n').pop() as string)
    expect(report).toMatchObject({
      uploaded: { numLines: 25, sampleType: 'batch_request', purpose: 'batch' },
      retrievedDeleted: false,
      finished: { status: 'SUCCESS', totalRequests: 25, succeededRequests: 25 },
      customIds: Array.from({ length: 25 }, (_, i) => `q${i}`).sort(),
      inline: { status: 'SUCCESS', outputs: 1 },
      cancelling: 'CANCELLATION_REQUESTED',
      cancelled: 'CANCELLED',
      deleted: { deleted: true, object: 'batch' },
      deletedFile: { deleted: true },
    })
    expect(report.filesListed).toContain(report.uploadedId)
    expect(report.listedIds).toEqual([report.jobId])
    expect(report.listedTotal).toBe(1)
    expect(report.signedUrl.slice(0, emulator.url.length + 9)).toBe(`${emulator.url}/_signed/`)

    // The SDK sent the list filters the way WIRE.md says: metadata as a bare pair, status repeated.
    const list = emulator.requests.find((r) => r.method === 'GET' && r.path === '/v1/batch/jobs')
    expect(list?.query).toMatchObject({ suite: 'sdk', status: ['QUEUED', 'RUNNING', 'SUCCESS'] })
    expect(emulator.requests.filter((r) => r.status !== 200)).toEqual([])
  })
})
