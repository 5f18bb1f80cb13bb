// main() in-process, with injected io: output, exit codes, Ctrl-C through the interrupts stream.
import { Subject } from 'rxjs'
import { main, type CliIo } from '../src'
import { CapturedOutput } from './support/captureOutput'

const ARGV = ['node', 'mistral-batch']

const ioWith = (env: Record<string, string> = {}) => {
  const interrupts = new Subject<'SIGINT' | 'SIGTERM'>()
  const out = new CapturedOutput()
  const err = new CapturedOutput()
  const io: Partial<CliIo> = { stdout: out, stderr: err, env, interrupts }
  return { io, interrupts, out, stdout: () => out.text, stderr: () => err.text }
}

describe('main', () => {
  it('--help lists every command and the exit codes, on the injected stdout (exit 0)', async () => {
    const t = ioWith()
    await expect(main([...ARGV, '--help'], t.io)).resolves.toBe(0)
    for (const command of ['run', 'jobs', 'results', 'resume', 'files', 'emulator', 'demo']) {
      expect(t.stdout()).toMatch(new RegExp(`\\n  ${command} `))
    }
    expect(t.stdout()).toContain('130  interrupted (Ctrl-C)')
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
      ['demo'],
    ]
    for (const command of commands) {
      const t = ioWith()
      await expect(main([...ARGV, ...command, '--help'], t.io)).resolves.toBe(0)
      expect(t.stdout()).toContain(`Examples:\n  $ mistral-batch ${command.join(' ')}`)
    }
    const emulator = ioWith()
    await main([...ARGV, 'emulator', '--help'], emulator.io)
    expect(emulator.stdout()).toContain('Example:\n  mistral-batch emulator --port 8080')
  })

  it('an unknown command or option is a usage error (exit 2) in one line', async () => {
    const t = ioWith()
    await expect(main([...ARGV, 'jobz'], t.io)).resolves.toBe(2)
    expect(t.stderr()).toBe("error: unknown command 'jobz' (Did you mean jobs?)\n")
  })

  it('a missing key is the one-line hint (exit 3)', async () => {
    const t = ioWith()
    await expect(main([...ARGV, 'jobs', 'list'], t.io)).resolves.toBe(3)
    expect(t.stderr()).toContain('error: no API key: set MISTRAL_API_KEY')
    expect(t.stderr().split('\n')).toHaveLength(2)
  })

  it('runs the emulator until the interrupts stream says SIGINT (exit 0)', async () => {
    const t = ioWith()
    const exit = main([...ARGV, 'emulator', '--port', '0'], t.io)
    await t.out.waitFor('Press Ctrl-C')
    expect(t.stdout()).toMatch(
      /Try: MISTRAL_BASE_URL=http:\/\/127\.0\.0\.1:\d+ mistral-batch jobs list/,
    )
    t.interrupts.next('SIGINT')
    await expect(exit).resolves.toBe(0)
    expect(t.stdout()).toContain('SIGINT: stopping the emulator')
  })
})
