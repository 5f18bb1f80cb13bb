// `mistral-batch run` as a child process against the emulator: results, refusals, keys, Ctrl-C.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { RunningEmulator } from '../../../src/emulator'
import { ensureBuiltCli, killStrayCli, runCli, spawnCli } from '../support/builtCli'
import {
  chatJsonl,
  emulatorEnv,
  readJsonl,
  scratchDir,
  startTestEmulator,
  waitForJob,
  writeFile,
} from '../support/cliFixture'

const ENDPOINT = ['--endpoint', '/v1/chat/completions', '--model', 'mistral-small-latest']

describe('mistral-batch run', () => {
  let emulator: RunningEmulator
  let scratch: ReturnType<typeof scratchDir>

  beforeAll(async () => {
    ensureBuiltCli()
    emulator = await startTestEmulator()
    scratch = scratchDir()
  }, 120_000)

  afterAll(async () => {
    await emulator.close()
    scratch.remove()
  })

  it('runs a file to the end: results streamed to the default file, summary, exit 0', async () => {
    const input = writeFile(scratch.dir, 'ok.jsonl', chatJsonl(40))
    const run = await runCli(['run', input, ...ENDPOINT, '--metadata', 'team=cli'], {
      env: emulatorEnv(emulator),
    })
    expect(run.stderr).toContain('Read 40 requests')
    expect(run.stderr).toMatch(/Created job [0-9a-f-]{36}/)
    expect(run.stderr).toContain('SUCCESS 40/40 (100%) succeeded 40 failed 0')
    expect(run.stdout).toContain('40 requests: 40 succeeded, 0 failed, 0 missing')
    expect(run.stdout).toContain(`Results: 40 lines in ${join(scratch.dir, 'ok.results.jsonl')}`)
    const ids = readJsonl(join(scratch.dir, 'ok.results.jsonl')).map((line) => line.custom_id)
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 40 }, (_, i) => String(i))))
    expect(existsSync(join(scratch.dir, 'ok.errors.jsonl'))).toBe(false)
    expect(run.code).toBe(0)
  })

  it('writes failed requests to --errors and exits 1 (inline mode)', async () => {
    const lines = `${chatJsonl(3)}${JSON.stringify({ custom_id: 'bad', body: { max_tokens: 5 } })}\n`
    const input = writeFile(scratch.dir, 'partial.jsonl', lines)
    const out = join(scratch.dir, 'partial-out.jsonl')
    const errors = join(scratch.dir, 'partial-errors.jsonl')
    const run = await runCli(
      ['run', input, ...ENDPOINT, '--inline', '--out', out, '--errors', errors],
      {
        env: emulatorEnv(emulator),
      },
    )
    expect(run.stdout).toContain('4 requests: 3 succeeded, 1 failed, 0 missing')
    expect(run.stdout).toContain(`Errors: 1 line in ${errors}`)
    expect(readJsonl(out)).toHaveLength(3)
    expect(readJsonl(errors).map((line) => line.custom_id)).toEqual(['bad'])
    expect(run.code).toBe(1)
  })

  it('refuses an input with invalid lines, naming them, and sends nothing (exit 2)', async () => {
    const lines = `${chatJsonl(2)}not json\n{"custom_id": "x"}\n${chatJsonl(1)}`
    const input = writeFile(scratch.dir, 'invalid.jsonl', lines)
    emulator.clearRequests()
    const run = await runCli(['run', input, ...ENDPOINT], { env: emulatorEnv(emulator) })
    expect(run.stderr).toContain('3 invalid lines, nothing was sent')
    expect(run.stderr).toContain('line 3: not valid JSON')
    expect(run.stderr).toContain('line 4: "body" must be an object')
    expect(run.stderr).toContain('line 5: custom_id "0" repeats line 1')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(emulator.requests).toHaveLength(0)
    expect(run.code).toBe(2)
  })

  it('reports a missing input file in one line (exit 2)', async () => {
    const run = await runCli(['run', join(scratch.dir, 'nope.jsonl'), ...ENDPOINT], {
      env: emulatorEnv(emulator),
    })
    expect(run.stderr).toBe(`error: cannot read ${join(scratch.dir, 'nope.jsonl')}: no such file\n`)
    expect(run.code).toBe(2)
  })

  it('without any key or base URL, prints the one-line hint (exit 3)', async () => {
    const input = writeFile(scratch.dir, 'nokey.jsonl', chatJsonl(1))
    const run = await runCli(['run', input, ...ENDPOINT])
    expect(run.stderr).toBe(
      'error: no API key: set MISTRAL_API_KEY (or pass --api-key), or use --base-url with the ' +
        'emulator (mistral-batch emulator)\n',
    )
    expect(run.code).toBe(3)
  })

  it('a rejected key is exit 3, and the key is never printed', async () => {
    const guarded = await startTestEmulator({ apiKey: 'the-right-key' })
    try {
      const input = writeFile(scratch.dir, 'badkey.jsonl', chatJsonl(1))
      const secret = 'sk-wrong-secret-0123456789'
      const run = await runCli(['run', input, ...ENDPOINT, '--api-key', secret, '--verbose'], {
        env: emulatorEnv(guarded),
      })
      expect(run.stderr).toContain('status 401')
      expect(run.stderr).toContain('check MISTRAL_API_KEY or --api-key')
      expect(run.stdout + run.stderr).not.toContain(secret)
      expect(run.code).toBe(3)
    } finally {
      await guarded.close()
    }
  })
})

describe('mistral-batch run, interrupted with Ctrl-C', () => {
  let slow: RunningEmulator
  let scratch: ReturnType<typeof scratchDir>

  beforeAll(async () => {
    ensureBuiltCli()
    slow = await startTestEmulator({ rate: 20 })
    scratch = scratchDir()
  }, 120_000)

  afterEach(killStrayCli)

  afterAll(async () => {
    await slow.close()
    scratch.remove()
  })

  const startRun = (name: string, count: number, extra: string[] = []) => {
    const input = writeFile(scratch.dir, name, chatJsonl(count))
    return spawnCli(['run', input, ...ENDPOINT, ...extra], { env: emulatorEnv(slow) })
  }

  it('with --cancel-on-exit: cancels the job, prints how to resume, exits 130', async () => {
    const cli = startRun('cancel.jsonl', 400, ['--cancel-on-exit'])
    await cli.waitFor(/Created job [0-9a-f-]{36}/)
    const jobId = /Created job ([0-9a-f-]{36})/.exec(cli.output.stderr)?.[1] ?? ''
    cli.child.kill('SIGINT')
    const run = await cli.done
    expect(run.stderr).toContain(`Cancelled job ${jobId}`)
    expect(run.stderr).toContain(`Resume with: mistral-batch resume ${jobId} --out`)
    expect(run.code).toBe(130)
    const job = await waitForJob(slow.url, jobId, (j) => j.status === 'CANCELLED')
    expect(job.completed_requests).toBeLessThan(400)
  })

  it('without a terminal: leaves the job running; `resume` then follows it to the end', async () => {
    const cli = startRun('leave.jsonl', 30)
    await cli.waitFor(/Created job [0-9a-f-]{36}/)
    const jobId = /Created job ([0-9a-f-]{36})/.exec(cli.output.stderr)?.[1] ?? ''
    cli.child.kill('SIGINT')
    const run = await cli.done
    expect(run.stderr).toContain(`Left job ${jobId} running on the server.`)
    expect(run.stderr).toContain(`Resume with: mistral-batch resume ${jobId}`)
    expect(run.code).toBe(130)

    const out = join(scratch.dir, 'resumed.jsonl')
    const resumed = await runCli(['resume', jobId, '--out', out], { env: emulatorEnv(slow) })
    expect(resumed.stdout).toContain(`Job ${jobId} SUCCESS: 30 succeeded, 0 failed of 30`)
    expect(readJsonl(out)).toHaveLength(30)
    expect(resumed.code).toBe(0)
  })
})
