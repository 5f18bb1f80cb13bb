// `mistral-batch jobs ...` and `results` as child processes against the emulator.
import { join } from 'node:path'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { ensureBuiltCli, runCli } from '../support/builtCli'
import {
  createInlineJob,
  emulatorEnv,
  readJsonl,
  scratchDir,
  startTestEmulator,
  waitForJob,
  type Job,
} from '../support/cliFixture'

describe('mistral-batch jobs and results', () => {
  let emulator: RunningEmulator
  let done: Job
  const cli = (...args: string[]) => runCli(args, { env: emulatorEnv(emulator) })

  beforeAll(async () => {
    ensureBuiltCli()
    emulator = await startTestEmulator()
    const job = await createInlineJob(emulator.url, 12)
    done = await waitForJob(emulator.url, job.id, (j) => j.status === 'SUCCESS')
  }, 120_000)

  afterAll(() => emulator.close())

  it('jobs list prints a table with a header and the job', async () => {
    const run = await cli('jobs', 'list')
    const [header, row] = run.stdout.trim().split('\n')
    expect(header).toMatch(/^ID\s+STATUS\s+ENDPOINT\s+MODEL\s+DONE\s+SUCCEEDED\s+FAILED\s+CREATED$/)
    expect(row).toMatch(
      new RegExp(
        `^${done.id}\\s+SUCCESS\\s+/v1/chat/completions\\s+mistral-small-latest\\s+12/12\\s+12\\s+0\\s`,
      ),
    )
    expect(run.code).toBe(0)
  })

  it('jobs list --json --status filters on the server', async () => {
    const succeeded = await cli('jobs', 'list', '--json', '--status', 'SUCCESS')
    expect((JSON.parse(succeeded.stdout) as Job[]).map((j) => j.id)).toContain(done.id)
    const running = await cli('jobs', 'list', '--json', '--status', 'running', 'QUEUED')
    expect(JSON.parse(running.stdout)).toEqual([])
  })

  it('a status that does not exist is a usage error (exit 2), not a filter matching nothing', async () => {
    const typo = await cli('jobs', 'list', '--status', 'RUNING')
    expect({ code: typo.code, stderr: typo.stderr }).toEqual({
      code: 2,
      stderr:
        "error: option '--status <status...>' argument 'RUNING' is invalid. must be one of " +
        'QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED, CANCELLED.\n',
    })
    expect(typo.stdout).toBe('')
  })

  it('jobs get shows the fields, --json the wire object', async () => {
    const text = await cli('jobs', 'get', done.id)
    expect(text.stdout).toContain(`id:          ${done.id}`)
    expect(text.stdout).toContain('requests:    12/12 done, 12 succeeded, 0 failed')
    const json = await cli('jobs', 'get', done.id, '--json')
    expect(JSON.parse(json.stdout)).toMatchObject({ id: done.id, status: 'SUCCESS' })
    expect(json.code).toBe(0)
  })

  it('jobs watch follows a job to its end and exits 0 on SUCCESS', async () => {
    const job = await createInlineJob(emulator.url, 30)
    const run = await cli('jobs', 'watch', job.id, '--interval', '0.2')
    expect(run.stderr).toContain('SUCCESS 30/30 (100%) succeeded 30 failed 0')
    expect(run.stdout).toContain(`Job ${job.id} SUCCESS: 30 succeeded, 0 failed of 30`)
    expect(run.code).toBe(0)
  })

  it('results of an unfinished job is refused (exit 2); jobs cancel and jobs delete', async () => {
    const slow = await startTestEmulator({ rate: 5 })
    try {
      const job = await createInlineJob(slow.url, 100)
      const early = await runCli(['results', job.id], { env: emulatorEnv(slow) })
      expect(early.stderr).toMatch(
        new RegExp(`^error: job ${job.id} is (QUEUED|RUNNING), not finished: wait with --wait`),
      )
      expect(early.code).toBe(2)
      const cancelled = await runCli(['jobs', 'cancel', job.id], { env: emulatorEnv(slow) })
      expect(cancelled.stdout).toMatch(
        new RegExp(`^Job ${job.id}: (CANCELLATION_REQUESTED|CANCELLED)\\n$`),
      )
      await waitForJob(slow.url, job.id, (j) => j.status === 'CANCELLED')
      const again = await runCli(['jobs', 'cancel', job.id], { env: emulatorEnv(slow) })
      expect({ code: again.code, stderr: again.stderr }).toEqual({
        code: 2,
        stderr: `error: job ${job.id} had already finished (CANCELLED): nothing to cancel\n`,
      })
      const deleted = await runCli(['jobs', 'delete', job.id], { env: emulatorEnv(slow) })
      expect(deleted.stdout).toBe(`Deleted job ${job.id}\n`)
      expect(deleted.code).toBe(0)
    } finally {
      await slow.close()
    }
  })

  it('jobs cancel of a job that had already finished says so (exit 2) and sends no cancel', async () => {
    emulator.clearRequests()
    const run = await cli('jobs', 'cancel', done.id)
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: job ${done.id} had already finished (SUCCESS): nothing to cancel\n`,
    })
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/batch/jobs/${done.id}`,
    ])
  })

  it('an unknown job is one error line and exit 4; a malformed id exit 2', async () => {
    const missing = await cli('jobs', 'get', '00000000-0000-4000-8000-000000000000')
    expect(missing.stderr).toMatch(/^error: Request failed with status 404: GET .*\n$/)
    expect(missing.code).toBe(4)
    const malformed = await cli('jobs', 'get', 'not-a-uuid')
    expect(malformed.stderr).toBe(
      'error: jobId must be a UUID such as 0b3c1e52-7c1f-4f37-9d0e-2a5b8c4d6e7f, as Mistral returns for jobs and files\n',
    )
    expect(malformed.code).toBe(2)
  })

  it('results streams every line as JSONL to stdout', async () => {
    const run = await cli('results', done.id)
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Job)
    expect(lines.map((line) => line.custom_id).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i)).sort(),
    )
    expect(run.stderr).toMatch(/^Wrote 12 result lines to stdout\nUsage: [\d,]+ prompt \+ /)
    expect(run.code).toBe(0)
  })

  it('results --out and --errors write the files', async () => {
    const scratch = scratchDir()
    try {
      const out = join(scratch.dir, 'ok.jsonl')
      const run = await cli(
        'results',
        done.id,
        '--out',
        out,
        '--errors',
        join(scratch.dir, 'e.jsonl'),
      )
      expect(readJsonl(out)).toHaveLength(12)
      expect(readJsonl(join(scratch.dir, 'e.jsonl'))).toHaveLength(0)
      expect(run.stderr).toContain(`Wrote 12 succeeded results to ${out}, 0 failed to`)
    } finally {
      scratch.remove()
    }
  })

  it('--help of a command shows an example; a bad option is exit 2', async () => {
    const help = await cli('jobs', 'list', '--help')
    expect(help.stdout).toContain('Examples:\n  $ mistral-batch jobs list')
    expect(help.code).toBe(0)
    const bad = await cli('jobs', 'list', '--limit', 'zero')
    expect(bad.stderr).toContain("error: option '--limit <n>' argument 'zero' is invalid")
    expect(bad.code).toBe(2)
  })
})
