// `mistral-batch run` as a child process against the emulator: results, refusals, keys, Ctrl-C.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
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
    const run = await runCli(
      ['run', input, ...ENDPOINT, '--metadata', 'team=cli', '--interval', '0.2'],
      { env: emulatorEnv(emulator) },
    )
    expect(run.stderr).toContain('Read 40 requests')
    expect(run.stderr).toMatch(/Created job [0-9a-f-]{36}/)
    expect(run.stderr).toContain('SUCCESS 40/40 (100%) succeeded 40 failed 0')
    expect(run.stdout).toContain('40 requests: 40 succeeded, 0 failed, 0 missing')
    expect(run.stdout).toContain(`Results: 40 lines in ${join(scratch.dir, 'ok.results.jsonl')}`)
    const ids = readJsonl(join(scratch.dir, 'ok.results.jsonl')).map((line) => line.custom_id)
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 40 }, (_, i) => String(i))))
    expect(readdirSync(scratch.dir)).not.toContain('ok.errors.jsonl')
    expect(run.code).toBe(0)
  })

  it('writes failed requests to --errors and exits 1 (inline mode)', async () => {
    // no message to answer: the client's check lets an empty list through, the model refuses it
    const lines = `${chatJsonl(3)}${JSON.stringify({ custom_id: 'bad', body: { messages: [] } })}\n`
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

  it('refuses a body that does not fit its endpoint, naming its line, and sends nothing (exit 2)', async () => {
    const bad = { custom_id: 'bad', body: { messages: [{ role: 'robot', content: 'Hi' }] } }
    const input = writeFile(
      scratch.dir,
      'bad-body.jsonl',
      `${chatJsonl(2)}${JSON.stringify(bad)}\n`,
    )
    emulator.clearRequests()
    const run = await runCli(['run', input, ...ENDPOINT], { env: emulatorEnv(emulator) })
    expect(run.stderr).toContain(
      'line 3 (custom_id "bad"): body.messages[0].role: expected one of system, user, ' +
        'assistant, tool, got "robot" (checked as a ChatCompletionRequest, the body of ' +
        '/v1/chat/completions)',
    )
    expect(emulator.requests).toHaveLength(0)
    expect(run.code).toBe(2)
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

  it('counts one request as one: "Read 1 request", "1 request:"', async () => {
    const input = writeFile(scratch.dir, 'one.jsonl', chatJsonl(1))
    const run = await runCli(['run', input, ...ENDPOINT], { env: emulatorEnv(emulator) })
    expect(run.stderr).toContain(`Read 1 request from ${input}\n`)
    expect(run.stderr).toMatch(/Uploaded one\S*\.jsonl: 1 request, /)
    expect(run.stdout).toContain('1 request: 1 succeeded, 0 failed, 0 missing')
    expect(run.code).toBe(0)
  })

  it('names a request the client refuses by its line in the file, as the file check does (exit 2)', async () => {
    // line 3 has no custom_id, so it is assigned "1" (its index), which line 1 already took
    const lines = [
      JSON.stringify({ custom_id: '1', body: { messages: [] } }),
      '',
      JSON.stringify({ body: { messages: [] } }),
    ]
    const input = writeFile(scratch.dir, 'clash.jsonl', `${lines.join('\n')}\n`)
    const run = await runCli(['run', input, ...ENDPOINT], { env: emulatorEnv(emulator) })
    expect(run.stderr).toMatch(
      new RegExp(
        `^error: ${input}: line 3: the custom_id assigned to it "1" repeats the custom_id of line 1;`,
        'm',
      ),
    )
    expect(run.stderr).not.toContain('requests[')
    expect(run.code).toBe(2)
  })

  it('takes --interval in seconds, and refuses a value that is not one (exit 2)', async () => {
    const input = writeFile(scratch.dir, 'interval.jsonl', chatJsonl(1))
    for (const bad of ['0', 'fast', '1e9']) {
      const run = await runCli(['run', input, ...ENDPOINT, '--interval', bad], {
        env: emulatorEnv(emulator),
      })
      expect({ bad, code: run.code, stderr: run.stderr }).toEqual({
        bad,
        code: 2,
        stderr: `error: option '--interval <seconds>' argument '${bad}' is invalid. must be a number of seconds from 0.1 to 3600, such as 2 or 0.5.\n`,
      })
    }
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

  it('with --cancel-on-exit: cancels the job, offers no resume of it, exits 130', async () => {
    const cli = startRun('cancel.jsonl', 400, ['--cancel-on-exit'])
    await cli.waitFor(/Created job [0-9a-f-]{36}/)
    const jobId = /Created job ([0-9a-f-]{36})/.exec(cli.output.stderr)?.[1] ?? ''
    cli.child.kill('SIGINT')
    const run = await cli.done
    expect(run.stderr).toContain(`Cancelled job ${jobId}`)
    expect(run.stderr).not.toContain('Resume with')
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
    const resumed = await runCli(['resume', jobId, '--out', out, '--interval', '0.2'], {
      env: emulatorEnv(slow),
    })
    expect(resumed.stdout).toContain(`Job ${jobId} SUCCESS: 30 succeeded, 0 failed of 30`)
    // the words of run's summary: "missing", not another name for the same thing
    expect(resumed.stdout).toContain('30 requests: 30 succeeded, 0 failed, 0 missing')
    expect(readJsonl(out)).toHaveLength(30)
    expect(resumed.code).toBe(0)
  })

  it('shows the number of requests from the first progress line, while the job is QUEUED', async () => {
    const queued = await startTestEmulator({ queueDelayMs: 3_600_000 })
    try {
      const input = writeFile(scratch.dir, 'queued.jsonl', chatJsonl(25))
      const cli = spawnCli(['run', input, ...ENDPOINT], { env: emulatorEnv(queued) })
      await cli.waitFor(/^QUEUED .*$/m)
      const first = /^QUEUED .*$/m.exec(cli.output.stderr)?.[0]
      expect(first).toBe('QUEUED 0/25 (0%) succeeded 0 failed 0')
      cli.child.kill('SIGINT')
      expect((await cli.done).code).toBe(130)
    } finally {
      await queued.close()
    }
  })
})
