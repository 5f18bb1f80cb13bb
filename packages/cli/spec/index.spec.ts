// main() in-process, with injected io: output, exit codes, Ctrl-C through the interrupts stream.
import { runInProcess, startInProcess } from './support/inProcessCli'

describe('main', () => {
  it('--help lists every command and the exit codes, on the injected stdout (exit 0)', async () => {
    const help = await runInProcess(['--help'])
    expect(help.code).toBe(0)
    const commands = ['run', 'jobs', 'results', 'resume', 'files', 'queue', 'emulator', 'demo']
    for (const command of commands) {
      expect(help.stdout).toMatch(new RegExp(`\\n  ${command} `))
    }
    expect(help.stdout).toContain('130  interrupted (Ctrl-C)')
  })

  it('every command has an example in its --help', async () => {
    const commands = [
      ['run'],
      ['jobs'],
      ['jobs', 'list'],
      ['jobs', 'get'],
      ['jobs', 'watch'],
      ['jobs', 'cancel'],
      ['jobs', 'delete'],
      ['results'],
      ['resume'],
      ['files'],
      ['files', 'upload'],
      ['files', 'list'],
      ['files', 'get'],
      ['files', 'download'],
      ['files', 'delete'],
      ['queue'],
      ['queue', 'stats'],
      ['queue', 'enqueue'],
      ['queue', 'run'],
      ['queue', 'results'],
      ['demo'],
    ]
    for (const command of commands) {
      const help = await runInProcess([...command, '--help'])
      expect(help.code).toBe(0)
      expect(help.stdout).toContain(`Examples:\n  $ mistral-batch ${command.join(' ')}`)
    }
    const emulator = await runInProcess(['emulator', '--help'])
    expect(emulator.stdout).toContain('Example:\n  mistral-batch emulator --port 8080')
  })

  it('an unknown command or option is a usage error (exit 2) in one line', async () => {
    await expect(runInProcess(['jobz'])).resolves.toEqual({
      code: 2,
      stdout: '',
      stderr: "error: unknown command 'jobz' (Did you mean jobs?)\n",
    })
  })

  it('a missing key is the one-line hint (exit 3)', async () => {
    const run = await runInProcess(['jobs', 'list'])
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('error: no API key: set MISTRAL_API_KEY')
    expect(run.stderr.split('\n')).toHaveLength(2)
  })

  it('runs the emulator until the interrupts stream says SIGINT (exit 0)', async () => {
    const run = startInProcess(['emulator', '--port', '0'])
    await run.out.waitFor('Press Ctrl-C')
    expect(run.out.text).toMatch(
      /Try: MISTRAL_BASE_URL=http:\/\/127\.0\.0\.1:\d+ mistral-batch jobs list/,
    )
    run.interrupts.next('SIGINT')
    await expect(run.exit).resolves.toBe(0)
    expect(run.out.text).toContain('SIGINT: stopping the emulator')
  })
})
