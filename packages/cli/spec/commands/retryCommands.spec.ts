// `run --retry-failed`, `retry <jobId...>` and `jobs cancel` with filters, in this process against
// the emulator: failed rows sent again, every request's last result written, jobs cancelled in bulk.
import { PassThrough } from 'node:stream'
import { join } from 'node:path'
import { NEVER } from 'rxjs'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { main } from '../../src'
import { call, type Job } from '../../../emulator/spec/support/emulatorClient'
import { CapturedOutput } from '../support/captureOutput'
import {
  chatJsonl,
  emulatorEnv,
  readJsonl,
  scratchDir,
  startTestEmulator,
  writeFile,
} from '../support/cliFixture'
import { runInProcess, startInProcess } from '../support/inProcessCli'

const ENDPOINT = ['--endpoint', '/v1/chat/completions', '--model', 'mistral-small-latest']

/** The custom_ids of the result files `stem.results.jsonl` and `stem.errors.jsonl` (if any). */
const resultIds = (dir: string, stem: string, withErrors: boolean): string[] =>
  [
    ...readJsonl(join(dir, `${stem}.results.jsonl`)),
    ...(withErrors ? readJsonl(join(dir, `${stem}.errors.jsonl`)) : []),
  ]
    .map((line) => String(line.custom_id))
    .sort()

const idsUpTo = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => String(i)).sort()

describe('retries on the command line', () => {
  let emulator: RunningEmulator
  let scratch: ReturnType<typeof scratchDir>
  const cli = (...args: string[]) =>
    runInProcess(args, { env: emulatorEnv(emulator), cwd: scratch.dir })

  beforeAll(async () => {
    emulator = await startTestEmulator({ failedLines: { rate: 0.2, status: 503 } })
    scratch = scratchDir()
  })
  afterAll(async () => {
    await emulator.close()
    scratch.remove()
  })

  it('run --retry-failed sends the failed rows again and writes each request once', async () => {
    const input = writeFile(scratch.dir, 'retried.jsonl', chatJsonl(60))
    const run = await cli('run', input, ...ENDPOINT, '--retry-failed', '4', '--interval', '0.1')
    expect(run.stderr).toMatch(/Retrying \d+ failed requests? \(attempt 2\)/)
    const retried = Number(
      /Retried: (\d+) requests?, (\d+) requests? sent in all/.exec(run.stdout)?.[1],
    )
    expect(retried).toBeGreaterThan(0)
    const failed = Number(
      /60 requests: \d+ succeeded, (\d+) failed, 0 missing/.exec(run.stdout)?.[1],
    )
    expect(resultIds(scratch.dir, 'retried', failed > 0)).toEqual(idsUpTo(60))
    // the exit code follows the requests' last results, not the first round's job
    expect(run.code).toBe(failed === 0 ? 0 : 1)
  })

  it('retry <jobId> sends the failed rows of a finished run again, read back from its input file', async () => {
    const input = writeFile(scratch.dir, 'plain.jsonl', chatJsonl(60))
    const first = await cli('run', input, ...ENDPOINT, '--interval', '0.1')
    expect(first.code).toBe(1)
    const jobId = /Created job ([0-9a-f-]{36})/.exec(first.stderr)?.[1] as string
    const failedFirst = readJsonl(join(scratch.dir, 'plain.errors.jsonl')).length
    const retry = await cli('retry', jobId, '--max-attempts', '4', '--interval', '0.1')
    expect(retry.stderr).toContain(`Retrying ${failedFirst} failed request`)
    expect(retry.stdout).toContain(`Retried: ${failedFirst} request`)
    const failed = Number(/60 requests: \d+ succeeded, (\d+) failed/.exec(retry.stdout)?.[1])
    expect(resultIds(scratch.dir, jobId, failed > 0)).toEqual(idsUpTo(60))
    expect(retry.code).toBe(failed === 0 ? 0 : 1)
    // again on the same job: the jobs the first retry made are found by their keys, none made
    emulator.clearRequests()
    const again = await cli('retry', jobId, '--max-attempts', '4', '--interval', '0.1')
    expect(again.stdout).toContain(`Retried: ${failedFirst} request`)
    const creates = emulator.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/batch/jobs',
    )
    expect(creates).toEqual([])
  })

  it('run --retry-failed stopped by Ctrl-C prints a resume command that carries on the rounds', async () => {
    const queued = await startTestEmulator({
      queueDelayMs: 300,
      failedLines: { rate: 0.2, status: 503 },
    })
    try {
      const input = writeFile(scratch.dir, 'stopped.jsonl', chatJsonl(40))
      const env = emulatorEnv(queued)
      const run = startInProcess(['run', input, ...ENDPOINT, '--retry-failed', '3'], {
        env,
        cwd: scratch.dir,
      })
      await run.err.waitFor('Created job')
      run.interrupts.next('SIGINT')
      expect(await run.exit).toBe(130)
      const hint = /Resume with: mistral-batch (resume .*)/.exec(run.err.text)?.[1] ?? ''
      expect(hint).toMatch(/ --retry-failed 3$/)
      const resumed = await runInProcess([...hint.split(' '), '--interval', '0.1'], {
        env,
        cwd: scratch.dir,
      })
      const failed = Number(/40 requests: \d+ succeeded, (\d+) failed/.exec(resumed.stdout)?.[1])
      expect(resultIds(scratch.dir, 'stopped', failed > 0)).toEqual(idsUpTo(40))
      expect(resumed.stdout).toMatch(/Retried: [1-9]\d* requests?/)
    } finally {
      await queued.close()
    }
  })

  it('retry refuses a job that has not finished, and attempts it already made', async () => {
    const slow = await startTestEmulator({ queueDelayMs: 3_600_000 })
    try {
      const created = await call(slow.url, 'POST', '/v1/batch/jobs', {
        endpoint: '/v1/chat/completions',
        requests: [{ custom_id: '0', body: { messages: [{ role: 'user', content: 'q' }] } }],
      })
      const jobId = (created.body as Job).id
      const early = await runInProcess(['retry', jobId], { env: emulatorEnv(slow) })
      expect(early.code).toBe(2)
      expect(early.stderr).toContain(`job ${jobId} is QUEUED, not finished`)
    } finally {
      await slow.close()
    }
    const input = writeFile(scratch.dir, 'once.jsonl', chatJsonl(5))
    const run = await cli('run', input, ...ENDPOINT, '--interval', '0.1')
    const jobId = /Created job ([0-9a-f-]{36})/.exec(run.stderr)?.[1] as string
    const again = await cli('retry', jobId, '--max-attempts', '1')
    expect(again.code).toBe(2)
    expect(again.stderr).toContain(
      'error: --max-attempts 1: the jobs already made attempt 1, so nothing would be sent again; pass at least 2',
    )
  })
})

describe('jobs cancel with filters', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    // jobs stay QUEUED: there is always something to cancel
    emulator = await startTestEmulator({ queueDelayMs: 3_600_000 })
  })
  afterAll(() => emulator.close())
  beforeEach(() => emulator.reset())

  const createJob = async (metadata: Record<string, string>, model = 'mistral-small-latest') => {
    const { body } = await call(emulator.url, 'POST', '/v1/batch/jobs', {
      endpoint: '/v1/chat/completions',
      model,
      metadata,
      requests: [{ custom_id: '0', body: { messages: [{ role: 'user', content: 'q' }] } }],
    })
    return (body as Job).id
  }
  const statusOf = async (jobId: string) =>
    ((await call(emulator.url, 'GET', `/v1/batch/jobs/${jobId}`)).body as Job).status

  /** `mistral-batch ...args` on a pretend terminal whose user answers `answer` when asked. */
  const onTerminal = async (args: string[], answer: string, beforeAnswer?: () => Promise<void>) => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true })
    const stdout = new CapturedOutput(true)
    const stderr = new CapturedOutput(true)
    void stderr.waitFor('[y/N]').then(async () => {
      await beforeAnswer?.()
      stdin.write(`${answer}\n`)
    })
    const code = await main(['node', 'mistral-batch', ...args], {
      stdout,
      stderr,
      stdin,
      env: emulatorEnv(emulator),
      interrupts: NEVER,
    })
    return { code, stdout: stdout.text, stderr: stderr.text }
  }

  it('with --yes, cancels every unfinished job matching, and reports each', async () => {
    const mine = [await createJob({ team: 'x' }), await createJob({ team: 'x' })]
    const other = await createJob({ team: 'y' })
    const otherModel = await createJob({ team: 'x' }, 'mistral-large-latest')
    const run = await runInProcess(
      [
        'jobs',
        'cancel',
        '--status',
        'QUEUED',
        '--metadata',
        'team=x',
        '--model',
        'mistral-small-latest',
        '--yes',
      ],
      { env: emulatorEnv(emulator) },
    )
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('2 jobs to cancel:')
    for (const id of mine) {
      expect(run.stdout).toMatch(new RegExp(`Cancelled job ${id} \\(CANCEL`))
      expect(await statusOf(id)).toMatch(/^CANCEL/)
    }
    expect([await statusOf(other), await statusOf(otherModel)]).toEqual(['QUEUED', 'QUEUED'])
  })

  it('without a terminal and without --yes, lists the jobs and cancels none (exit 2)', async () => {
    const id = await createJob({ team: 'z' })
    const run = await runInProcess(['jobs', 'cancel', '--metadata', 'team=z'], {
      env: emulatorEnv(emulator),
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(id)
    expect(run.stderr).toContain(
      'error: not cancelling 1 job without a confirmation: there is no terminal to ask on, pass --yes',
    )
    expect(await statusOf(id)).toBe('QUEUED')
  })

  it('on a terminal asks first: no cancels nothing, yes cancels, a failed cancel is reported (exit 4)', async () => {
    const kept = await createJob({ team: 'ask' })
    const declined = await onTerminal(['jobs', 'cancel', '--metadata', 'team=ask'], 'n')
    expect(declined.stderr).toContain('Cancel this job? [y/N] ')
    expect(declined.stderr).toContain('Nothing cancelled.')
    expect(declined.code).toBe(0)
    expect(await statusOf(kept)).toBe('QUEUED')
    const gone = await createJob({ team: 'ask' })
    // deleted while the question waits: its cancel fails, the other one goes through
    const run = await onTerminal(['jobs', 'cancel', '--metadata', 'team=ask'], 'y', async () => {
      await call(emulator.url, 'DELETE', `/v1/batch/jobs/${gone}`)
    })
    expect(run.stderr).toContain('Cancel these 2 jobs? [y/N] ')
    expect(run.stdout).toContain(`Cancelled job ${kept}`)
    expect(run.stderr).toMatch(new RegExp(`error: could not cancel job ${gone}: .*404`))
    expect(run.code).toBe(4)
  })

  it('refuses an id with filters, and neither', async () => {
    const id = await createJob({ team: 'both' })
    const both = await runInProcess(['jobs', 'cancel', id, '--status', 'QUEUED'], {
      env: emulatorEnv(emulator),
    })
    expect([both.code, both.stderr]).toEqual([
      2,
      'error: give a job id or filters (--status, --model, --metadata), not both\n',
    ])
    const neither = await runInProcess(['jobs', 'cancel'], { env: emulatorEnv(emulator) })
    expect(neither.code).toBe(2)
    const one = await runInProcess(['jobs', 'cancel', id], { env: emulatorEnv(emulator) })
    expect([one.code, one.stdout]).toEqual([0, `Job ${id}: CANCELLATION_REQUESTED\n`])
  })

  it('with nothing unfinished matching, says so', async () => {
    const run = await runInProcess(['jobs', 'cancel', '--metadata', 'team=nobody', '--yes'], {
      env: emulatorEnv(emulator),
    })
    expect([run.code, run.stdout]).toEqual([0, 'No unfinished job matches.\n'])
  })
})
