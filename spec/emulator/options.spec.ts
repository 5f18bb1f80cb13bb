// The emulator's options: defaults and the values it refuses.
import { resolveOptions } from '../../src/emulator/options'

describe('resolveOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveOptions()).toEqual({
      port: 0,
      host: '127.0.0.1',
      dataDir: undefined,
      apiKey: undefined,
      rate: 200,
      queueDelayMs: 250,
      hourMs: 3_600_000,
      faults: { rules: [] },
      seed: 1,
      maxUploadBytes: 512 * 1024 * 1024,
      logger: false,
    })
  })

  it.each([
    [{ port: -1 }, 'port'],
    [{ port: 70000 }, 'port'],
    [{ rate: 0 }, 'rate'],
    [{ queueDelayMs: -5 }, 'queueDelayMs'],
    [{ hourMs: Infinity }, 'hourMs'],
  ])('rejects %j naming the option', (options, name) => {
    expect(() => resolveOptions(options)).toThrow(name)
  })

  it('accepts an unlimited rate', () => {
    expect(resolveOptions({ rate: Infinity }).rate).toBe(Infinity)
  })
})
