// The API key never appears in what the CLI prints, whatever characters it holds or whoever echoes it.
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { main } from '../src'
import { MaskedOutput } from '../src/MaskedOutput'
import { call } from '../../emulator/spec/support/emulatorClient'
import { ensureBuiltCli, runCli } from './support/builtCli'
import { CapturedOutput } from './support/captureOutput'
import { startTestEmulator, type Job } from './support/cliFixture'

/** Keys with each kind of character that cannot go into a header (a process argument cannot hold NUL). */
const ODD_KEYS: ReadonlyArray<[string, string]> = [
  ['a line feed', 'sk-line-one-0001\nsk-line-two-0002'],
  ['a carriage return', 'sk-carriage-0001\rsk-return-0002'],
  ['CRLF', 'sk-crlf-one-0001\r\nsk-crlf-two-0002'],
  ['a tab', 'sk-tab-before-01\tsk-tab-after-02'],
  ['control characters', 'sk-bell-0001\u0007\u001b[31msk-escape-0002'],
  ['DEL and C1 controls', 'sk-del-0001\u007f\u0085sk-c1-0002'],
  ['non-Latin-1 letters', 'sk-ключ-секрет-0001'],
  ['an emoji', 'sk-emoji-🔑-0001'],
  ['Unicode line separators', 'sk-ls-0001\u2028sk-ps-0002'],
  ['surrounding spaces', '  sk-padded-0001  '],
]

/** What a key leaves behind if some layer folds or strips its odd characters. */
const piecesOf = (key: string): string[] => key.split(/[\s\p{Cc}]+/u).filter((p) => p !== '')

/** The key or any piece of it found in `text`, for a failure message that shows it. */
const leaksOf = (text: string, key: string): string[] =>
  [key, ...piecesOf(key)].filter((form) => text.includes(form))

describe('the API key in CLI output', () => {
  let emulator: RunningEmulator

  beforeAll(async () => {
    ensureBuiltCli()
    emulator = await startTestEmulator()
  }, 120_000)

  afterAll(() => emulator.close())

  it.each(ODD_KEYS)(
    'a key holding %s is a refused setting (exit 2), never printed, by flag or environment',
    async (_what, key) => {
      const env = { MISTRAL_BASE_URL: emulator.url }
      const byFlag = await runCli(['jobs', 'list', '--api-key', key, '--verbose'], { env })
      const byEnv = await runCli(['jobs', 'list'], { env: { ...env, MISTRAL_API_KEY: key } })
      for (const run of [byFlag, byEnv]) {
        expect(leaksOf(run.stdout + run.stderr, key)).toEqual([])
        expect({ code: run.code, stderr: run.stderr }).toEqual({
          code: 2,
          stderr: expect.stringMatching(/^error: .*apiKey/),
        })
      }
      expect(byEnv.stderr.split('\n')).toHaveLength(2)
    },
  )

  it('a key holding NUL (only possible in-process) is refused with exit 2 and never printed', async () => {
    const key = 'sk-nul-before-01\u0000sk-nul-after-02'
    const stdout = new CapturedOutput()
    const stderr = new CapturedOutput()
    const code = await main(['node', 'mistral-batch', 'jobs', 'list', '--verbose'], {
      stdout,
      stderr,
      env: { MISTRAL_BASE_URL: emulator.url, MISTRAL_API_KEY: key },
    })
    expect(leaksOf(stdout.text + stderr.text, key)).toEqual([])
    expect({ code, stderr: stderr.text }).toEqual({
      code: 2,
      stderr: expect.stringMatching(/^error: .*apiKey/),
    })
  })

  it('is masked in text the server echoes back, in every form: as is, JSON-escaped, percent-encoded', async () => {
    const key = 'sk-echo"quote\\slash%25-0001'
    const { body } = await call(emulator.url, 'POST', '/v1/batch/jobs', {
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      requests: [{ custom_id: '0', body: { messages: [{ role: 'user', content: 'hi' }] } }],
      metadata: { auth: `Bearer ${key}`, raw: key, encoded: encodeURIComponent(key) },
    })
    const jobId = (body as Job).id
    const forms = [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)]
    const env = { MISTRAL_BASE_URL: emulator.url }
    for (const args of [
      ['jobs', 'get', jobId],
      ['jobs', 'get', jobId, '--json'],
      ['jobs', 'list', '--json'],
    ]) {
      const run = await runCli([...args, '--api-key', key], { env })
      expect({ args, leaked: forms.filter((form) => run.stdout.includes(form)) }).toEqual({
        args,
        leaked: [],
      })
      expect(run.stdout).toContain('Bearer [redacted]')
      expect(run.code).toBe(0)
    }
  })

  it('is masked even in an error about the arguments, before any command runs', async () => {
    const key = 'sk-typed-as-a-command-0001'
    const run = await runCli([key], { env: { MISTRAL_API_KEY: key } })
    expect(run.stderr).toBe("error: unknown command '[redacted]'\n")
    expect(run.code).toBe(2)
  })
})

describe('MaskedOutput.flushed', () => {
  it("resolves once the target's callback of everything written before has run", async () => {
    const taken: Array<() => void> = []
    const text: string[] = []
    const target = {
      write: (chunk: string | Uint8Array, callback?: (error?: Error | null) => void) => {
        text.push(String(chunk))
        if (callback !== undefined) taken.push(() => callback())
      },
    }
    const output = new MaskedOutput(target, (t) => t.replace('sk-secret', '[redacted]'))
    output.write('line with sk-secret\n')
    let flushed = false
    const done = output.flushed().then(() => (flushed = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect({ text, flushed }).toEqual({ text: ['line with [redacted]\n', ''], flushed: false })
    taken.forEach((take) => take())
    await done
    expect(flushed).toBe(true)
  })

  it("rejects with the target's write error", async () => {
    const broken = new Error('EPIPE')
    const target = {
      write: (_chunk: unknown, callback?: (error?: Error) => void) => callback?.(broken),
    }
    await expect(new MaskedOutput(target, (t) => t).flushed()).rejects.toBe(broken)
  })
})
