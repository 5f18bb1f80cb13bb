// `mistral-batch emulator`: starts in the foreground, serves the CLI, stops on Ctrl-C.
import { ensureBuiltCli, killStrayCli, runCli, spawnCli } from '../support/builtCli'
import { scratchDir, writeFile } from '../support/cliFixture'

describe('mistral-batch emulator', () => {
  beforeAll(() => ensureBuiltCli(), 120_000)
  afterEach(killStrayCli)

  it('prints its URL and a hint, serves requests, and stops on SIGINT with exit 0', async () => {
    const emulator = spawnCli(['emulator', '--port', '0', '--rate', '500'])
    await emulator.waitFor('Press Ctrl-C to stop.')
    const url = /listening on (http:\/\/\S+)/.exec(emulator.output.stdout)?.[1] ?? ''
    expect(emulator.output.stdout).toContain(`Try: MISTRAL_BASE_URL=${url} mistral-batch jobs list`)
    const list = await runCli(['jobs', 'list'], { env: { MISTRAL_BASE_URL: url } })
    expect(list.stdout).toBe('No jobs.\n')
    emulator.child.kill('SIGINT')
    const run = await emulator.done
    expect(run.stdout).toContain('SIGINT: stopping the emulator')
    expect(run.code).toBe(0)
  })

  it('--help shows the emulator options under this command name', async () => {
    const run = await runCli(['emulator', '--help'])
    expect(run.stdout).toContain('Usage: mistral-batch emulator [options]')
    expect(run.stdout).toContain('--queue-delay-ms <n>')
    expect(run.code).toBe(0)
  })

  it('a bad flag is one error line and exit 2', async () => {
    const run = await runCli(['emulator', '--rate', 'fast'])
    expect(run.stderr).toBe('error: --rate must be a number, got "fast"\n')
    expect(run.code).toBe(2)
  })

  it('a --faults file that is missing or not JSON is one error line naming the flag (exit 2)', async () => {
    const missing = await runCli(['emulator', '--faults', 'nope.json'])
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(/^error: --faults\b.*nope\.json.*: no such file\n$/),
    })
    const scratch = scratchDir()
    try {
      const notJson = await runCli(['emulator', '--faults', writeFile(scratch.dir, 'f.json', '[{')])
      expect({ code: notJson.code, stderr: notJson.stderr }).toEqual({
        code: 2,
        stderr: expect.stringMatching(/^error: --faults\b.* is not valid JSON: .+\n$/),
      })
    } finally {
      scratch.remove()
    }
  })
})
