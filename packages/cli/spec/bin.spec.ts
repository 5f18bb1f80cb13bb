// The executable: whatever a command prints arrives whole through a pipe to a slow reader, or a file.
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { call } from '../../emulator/spec/support/emulatorClient'
import { ensureBuiltCli, killStrayCli, spawnCli } from './support/builtCli'
import {
  createInlineJob,
  emulatorEnv,
  scratchDir,
  startTestEmulator,
  waitForJob,
  type Job,
} from './support/cliFixture'
import { readAfter } from './support/lateReader'

/** Far more than the 64 KiB a pipe holds. */
const RESULT_LINES = 3000

const linesOf = (text: string): string[] => text.split('\n').filter((line) => line !== '')

describe('mistral-batch, its output through a pipe or into a file', () => {
  let emulator: RunningEmulator
  let done: Job

  beforeAll(async () => {
    ensureBuiltCli()
    emulator = await startTestEmulator({ rate: 100_000 })
    const job = await createInlineJob(emulator.url, RESULT_LINES)
    done = await waitForJob(emulator.url, job.id, (j) => j.status === 'SUCCESS', 60_000)
  }, 120_000)

  afterEach(killStrayCli)
  afterAll(() => emulator.close())

  it('results piped to a reader that only starts once the CLI is done: every line arrives', async () => {
    const cli = spawnCli(['results', done.id], { env: emulatorEnv(emulator), stdout: 'paused' })
    const stdout = readAfter(cli.child.stdout!, cli.waitFor(`Wrote ${RESULT_LINES} result lines`))
    const [text, run] = await Promise.all([stdout, cli.done])
    const lines = linesOf(text)
    expect({ lines: lines.length, code: run.code }).toEqual({ lines: RESULT_LINES, code: 0 })
    expect(new Set(lines.map((line) => (JSON.parse(line) as Job).custom_id)).size).toBe(
      RESULT_LINES,
    )
  }, 60_000)

  // The JSON is one write of five times what a pipe holds: whatever the reader's pace, the CLI is
  // done with most of it still to be taken, so an exit that did not wait would cut it short.
  it('jobs list --json, one write larger than a pipe holds, parses whole', async () => {
    // sixteen values of nearly the most the emulator takes (512 characters): 8 KB a job
    const metadata = Object.fromEntries(
      Array.from({ length: 16 }, (_, i) => [`key${i}`, 'v'.repeat(500)]),
    )
    for (let i = 0; i < 40; i += 1) {
      const { status } = await call(emulator.url, 'POST', '/v1/batch/jobs', {
        endpoint: '/v1/chat/completions',
        model: 'mistral-small-latest',
        requests: [{ custom_id: '0', body: { messages: [{ role: 'user', content: 'hi' }] } }],
        metadata,
      })
      expect(status).toBe(200)
    }
    const cli = spawnCli(['jobs', 'list', '--json', '--limit', '40'], {
      env: emulatorEnv(emulator),
      stdout: 'paused',
    })
    const [text, run] = await Promise.all([
      readAfter(cli.child.stdout!, Promise.resolve()),
      cli.done,
    ])
    const jobs = (): unknown => {
      try {
        return (JSON.parse(text) as Job[]).length
      } catch (error) {
        return `unparsable after ${Buffer.byteLength(text)} bytes: ${String(error)}`
      }
    }
    expect({ jobs: jobs(), code: run.code }).toEqual({ jobs: 40, code: 0 })
    expect(Buffer.byteLength(text)).toBeGreaterThan(256 * 1024)
  }, 60_000)

  it('results redirected to a file: every line arrives', async () => {
    const scratch = scratchDir()
    const path = join(scratch.dir, 'results.jsonl')
    const fd = openSync(path, 'w')
    try {
      const run = await spawnCli(['results', done.id], { env: emulatorEnv(emulator), stdout: fd })
        .done
      expect(run.code).toBe(0)
      expect(linesOf(readFileSync(path, 'utf8'))).toHaveLength(RESULT_LINES)
    } finally {
      closeSync(fd)
      scratch.remove()
    }
  }, 60_000)
})
