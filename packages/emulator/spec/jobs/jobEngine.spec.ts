// Persistence: files and jobs survive a restart, and a running job resumes with no line lost or doubled.
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startEmulator } from '../../src/index'
import {
  call,
  chatJsonl,
  downloadLines,
  isTerminal,
  upload,
  waitForJob,
  type Job,
} from '../support/emulatorClient'

describe('emulator persistence across restarts', () => {
  let dataDir: string
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'emulator-persist-'))
  })
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }))

  it('resumes a running job after a restart, trimming a torn write: every line exactly once', async () => {
    const total = 3000
    const first = await startEmulator({ dataDir, rate: 2000, queueDelayMs: 0 })
    const file = (await upload(first.url, chatJsonl(total))).body as { id: string }
    const created = (
      await call(first.url, 'POST', '/v1/batch/jobs', {
        input_files: [file.id],
        endpoint: '/v1/chat/completions',
        metadata: { run: 'persist' },
      })
    ).body as Job
    const midway = await waitForJob(first.url, created.id, (job) => job.completed_requests >= 300)
    expect(midway.status).toBe('RUNNING')
    await first.close()

    // A crash can leave bytes after the last durable flush: a half line the restart must cut away.
    const record = JSON.parse(
      await fs.readFile(path.join(dataDir, 'jobs', `${created.id}.json`), 'utf8'),
    )
    expect(record.completed_requests).toBeLessThan(total)
    await fs.appendFile(
      path.join(dataDir, 'files', `${record.progress.outputFileId}.data`),
      '{"id":"batch-torn-line","custom_id":"0","respo',
    )

    const second = await startEmulator({ dataDir, rate: Infinity, queueDelayMs: 0 })
    try {
      expect((await call(second.url, 'GET', `/v1/files/${file.id}`)).body).toMatchObject({
        num_lines: total,
      })
      const done = await waitForJob(second.url, created.id, isTerminal)
      expect(done).toMatchObject({
        status: 'SUCCESS',
        total_requests: total,
        completed_requests: total,
        succeeded_requests: total,
        failed_requests: 0,
        metadata: { run: 'persist' },
        started_at: midway.started_at,
      })
      const lines = await downloadLines(second.url, done.output_file as string)
      const ids = lines.map((line) => Number(line.custom_id)).sort((a, b) => a - b)
      expect(ids).toEqual(Array.from({ length: total }, (_, i) => i))
      expect((await call(second.url, 'GET', `/v1/files/${done.output_file}`)).body).toMatchObject({
        num_lines: total,
      })
    } finally {
      await second.close()
    }
  })

  it('FAILS a job whose saved offset is past the end of its input, keeping what it did', async () => {
    const total = 50
    const first = await startEmulator({ dataDir, rate: 5, queueDelayMs: 0 })
    const content = chatJsonl(total)
    const file = (await upload(first.url, content)).body as { id: string }
    const created = (
      await call(first.url, 'POST', '/v1/batch/jobs', {
        input_files: [file.id],
        endpoint: '/v1/chat/completions',
      })
    ).body as Job
    await waitForJob(first.url, created.id, (job) => job.completed_requests >= 2)
    await first.close()

    const recordFile = path.join(dataDir, 'jobs', `${created.id}.json`)
    const record = JSON.parse(await fs.readFile(recordFile, 'utf8'))
    expect(record).toMatchObject({ status: 'RUNNING', total_requests: total })
    const done = record.completed_requests as number
    record.progress.offset = Buffer.byteLength(content) + 1000
    await fs.writeFile(recordFile, JSON.stringify(record))

    const second = await startEmulator({ dataDir, rate: Infinity, queueDelayMs: 0 })
    try {
      const ended = await waitForJob(second.url, created.id, isTerminal)
      expect(ended).toMatchObject({
        status: 'FAILED',
        total_requests: total,
        completed_requests: done,
        succeeded_requests: done,
        errors: [
          {
            message: `The job's input ended after ${done} of its ${total} requests: its saved progress no longer matches its input`,
            count: 1,
          },
        ],
      })
      const lines = await downloadLines(second.url, ended.output_file as string)
      expect(lines).toHaveLength(done)
    } finally {
      await second.close()
    }
  })

  it('keeps finished jobs, their output files and the signing key across a restart', async () => {
    const first = await startEmulator({ dataDir, rate: Infinity, queueDelayMs: 0 })
    const { body } = await call(first.url, 'POST', '/v1/batch/jobs', {
      endpoint: '/v1/embeddings',
      requests: [{ custom_id: 'e', body: { input: 'hello' } }],
    })
    const done = await waitForJob(first.url, (body as Job).id, isTerminal)
    const signed = (await call(first.url, 'GET', `/v1/files/${done.output_file}/url`)).body as {
      url: string
    }
    const before = await downloadLines(first.url, done.output_file as string)
    await first.close()

    const second = await startEmulator({ dataDir, port: 0 })
    try {
      expect((await call(second.url, 'GET', `/v1/batch/jobs/${done.id}`)).body).toEqual(done)
      expect(await downloadLines(second.url, done.output_file as string)).toEqual(before)
      const { pathname, search } = new URL(signed.url)
      expect((await fetch(`${second.url}${pathname}${search}`)).status).toBe(200)
    } finally {
      await second.close()
    }
  })

  it('removes its temporary folder on close when no dataDir is given', async () => {
    const emulator = await startEmulator()
    await expect(fs.stat(emulator.dataDir)).resolves.toBeDefined()
    await emulator.close()
    await expect(fs.stat(emulator.dataDir)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
