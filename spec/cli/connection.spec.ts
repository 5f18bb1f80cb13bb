// Connection flags and environment to a client; the missing-key hint.
import { processIo } from '../../src/cli/CliIo'
import { connect } from '../../src/cli/connection'

const io = (env: Record<string, string>) => ({ ...processIo(), env })

describe('connect', () => {
  it('takes the flags before the environment', () => {
    const connection = connect(
      { apiKey: 'flag-key', baseUrl: 'https://eu.example.com' },
      io({ MISTRAL_API_KEY: 'env-key', MISTRAL_BASE_URL: 'https://env.example.com' }),
    )
    expect(connection).toMatchObject({ apiKey: 'flag-key', baseUrl: 'https://eu.example.com' })
    expect(connection.client.config.baseUrl).toBe('https://eu.example.com')
  })

  it('falls back to MISTRAL_API_KEY and MISTRAL_BASE_URL', () => {
    const connection = connect(
      {},
      io({ MISTRAL_API_KEY: 'env-key', MISTRAL_BASE_URL: 'https://env.example.com' }),
    )
    expect(connection).toMatchObject({ apiKey: 'env-key', baseUrl: 'https://env.example.com' })
  })

  it('needs no key for a local base URL (the emulator)', () => {
    const connection = connect({ baseUrl: 'http://127.0.0.1:8080' }, io({}))
    expect(connection.client.config.baseUrl).toBe('http://127.0.0.1:8080')
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
})
