// Connection flags and environment to a client; the missing-key hint; plain http: only when allowed.
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { processIo } from '../src/CliIo'
import { connect, keysNamedIn } from '../src/connection'
import { ensureBuiltCli, runCli } from './support/builtCli'
import { startTestEmulator } from './support/cliFixture'

const io = (env: Record<string, string>) => ({ ...processIo(), env })

describe('connect', () => {
  const env = io({ MISTRAL_API_KEY: 'env-key', MISTRAL_BASE_URL: 'https://env.example.com' })

  it('takes the flags before the environment', () => {
    const hidden: string[] = []
    const flags = { apiKey: 'flag-key', baseUrl: 'https://eu.example.com' }
    expect(connect(flags, env, (key) => hidden.push(key)).config.baseUrl).toBe(flags.baseUrl)
    expect(hidden).toEqual(['flag-key'])
  })

  it('falls back to MISTRAL_API_KEY and MISTRAL_BASE_URL', () => {
    const hidden: string[] = []
    expect(connect({}, env, (key) => hidden.push(key)).config.baseUrl).toBe(
      'https://env.example.com',
    )
    expect(hidden).toEqual(['env-key'])
  })

  it('needs no key for a loopback base URL (the emulator)', () => {
    for (const baseUrl of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080']) {
      expect(connect({ baseUrl }, io({})).config.baseUrl).toBe(baseUrl)
    }
  })

  it('without a key for a remote server, fails with the hint and exit code 3', () => {
    expect(() => connect({}, io({ MISTRAL_API_KEY: ' ' }))).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message:
          'no API key: set MISTRAL_API_KEY (or pass --api-key), or use --base-url with the ' +
          'emulator (mistral-batch emulator)',
      }),
    )
  })

  it('refuses plain http: to another machine, a name only looking like loopback included (exit 2)', () => {
    for (const baseUrl of ['http://emulator:8080', 'http://127.0.0.1.nip.io:8080']) {
      expect(() => connect({ baseUrl, apiKey: 'k-0001' }, io({}))).toThrow(
        expect.objectContaining({
          exitCode: 2,
          message: expect.stringContaining(
            'pass --allow-insecure-http (or set MISTRAL_ALLOW_INSECURE_HTTP=1)',
          ),
        }),
      )
    }
  })

  it('allows it with --allow-insecure-http or MISTRAL_ALLOW_INSECURE_HTTP=1, without a key too', () => {
    const baseUrl = 'http://emulator:8080'
    const byFlag = connect({ baseUrl, allowInsecureHttp: true }, io({}))
    expect(byFlag.config).toMatchObject({ baseUrl, allowInsecureHttp: true })
    for (const value of ['1', 'true']) {
      const byEnv = connect({ baseUrl }, io({ MISTRAL_ALLOW_INSECURE_HTTP: value }))
      expect(byEnv.config).toMatchObject({ baseUrl, allowInsecureHttp: true })
    }
  })

  it('takes only 1, 0, true or false in MISTRAL_ALLOW_INSECURE_HTTP (exit 2 otherwise)', () => {
    expect(() =>
      connect({ baseUrl: 'https://api.example.com' }, io({ MISTRAL_ALLOW_INSECURE_HTTP: 'yes' })),
    ).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: 'MISTRAL_ALLOW_INSECURE_HTTP must be 1 or 0, got "yes"',
      }),
    )
  })

  it('tells the key to hide before the client can refuse it', () => {
    const hidden: string[] = []
    expect(() => connect({ apiKey: 'sk-bad\nkey' }, io({}), (key) => hidden.push(key))).toThrow()
    expect(hidden).toEqual(['sk-bad\nkey'])
  })
})

describe('keysNamedIn', () => {
  it('finds --api-key k, --api-key=k and MISTRAL_API_KEY', () => {
    expect(
      keysNamedIn(['jobs', 'list', '--api-key', 'a-0001', '--api-key=b-0002'], {
        MISTRAL_API_KEY: 'c-0003',
      }),
    ).toEqual(['a-0001', 'b-0002', 'c-0003'])
  })
})

describe('mistral-batch against a plain-http server that is not this machine', () => {
  let emulator: RunningEmulator
  // An IPv4-mapped IPv6 literal reaches the emulator on 127.0.0.1, but is not a loopback name.
  const remoteUrl = () => emulator.url.replace('127.0.0.1', '[::ffff:127.0.0.1]')

  beforeAll(async () => {
    ensureBuiltCli()
    emulator = await startTestEmulator()
  }, 120_000)

  afterAll(() => emulator.close())

  it('is reached with --allow-insecure-http or MISTRAL_ALLOW_INSECURE_HTTP=1, refused without (exit 2)', async () => {
    const env = { MISTRAL_BASE_URL: remoteUrl() }
    const byFlag = await runCli(['jobs', 'list', '--allow-insecure-http'], { env })
    expect({ code: byFlag.code, stdout: byFlag.stdout, stderr: byFlag.stderr }).toEqual({
      code: 0,
      stdout: 'No jobs.\n',
      stderr: '',
    })
    const byEnv = await runCli(['jobs', 'list'], {
      env: { ...env, MISTRAL_ALLOW_INSECURE_HTTP: '1' },
    })
    expect({ code: byEnv.code, stdout: byEnv.stdout }).toEqual({ code: 0, stdout: 'No jobs.\n' })
    const refused = await runCli(['jobs', 'list'], { env })
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(
        /^error: the base URL uses plain http: .*--allow-insecure-http/,
      ),
    })
  })
})
