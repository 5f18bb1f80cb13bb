// The emulator's options: defaults and the values it refuses.
import type { FaultSpec } from '../src/faults/faultSpec'
import { resolveOptions, type EmulatorOptions } from '../src/options'

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
      maxRequestsPerJob: 100_000,
      maxPendingRequests: 1_000_000,
      failedLines: { rate: 0, status: 500 },
      missingLines: { rate: 0 },
      cors: false,
      logger: false,
      onWarning: expect.any(Function),
    })
  })

  it.each([
    [{ port: -1 }, 'port'],
    [{ port: 70000 }, 'port'],
    [{ rate: 0 }, 'rate'],
    [{ queueDelayMs: -5 }, 'queueDelayMs'],
    [{ hourMs: Infinity }, 'hourMs'],
    [{ seed: NaN }, 'seed must be an integer, got NaN'],
    [{ seed: 1.5 }, 'seed must be an integer, got 1.5'],
    [{ failedLines: { rate: 2 } }, 'failedLines.rate must be a number in 0..1, got 2'],
    [
      { failedLines: { rate: 0.1, status: 404 as 429 } },
      'failedLines.status must be 429, 500 or 503',
    ],
    [{ missingLines: { rate: -1 } }, 'missingLines.rate must be a number in 0..1, got -1'],
  ])('rejects %j naming the option', (options, name) => {
    expect(() => resolveOptions(options)).toThrow(name)
  })

  it.each([
    ['a newline', 'key\nmore', 'character 3 is U+000A'],
    ['a space', 'my key', 'character 2 is U+0020'],
    ['a letter outside ASCII', 'clé', 'character 2 is U+00E9'],
  ])(
    'rejects an apiKey with %s (no request could match it), without echoing it',
    (_, apiKey, where) => {
      const attempt = () => resolveOptions({ apiKey })
      expect(attempt).toThrow(RangeError)
      expect(attempt).toThrow(`apiKey must be printable ASCII without spaces`)
      expect(attempt).toThrow(where)
      expect(() => resolveOptions({ apiKey })).not.toThrow(apiKey)
    },
  )

  it.each([
    [{ prot: 8080 }, 'unknown option "prot" (did you mean "port"?)'],
    [{ datadir: '/tmp/x' }, 'unknown option "datadir" (did you mean "dataDir"?)'],
    [{ queueDelay: 5 }, 'unknown option "queueDelay" (did you mean "queueDelayMs"?)'],
    [{ verbose: true }, 'unknown option "verbose" (known: port, host, dataDir, apiKey'],
  ])('rejects the unknown option %j, naming the closest known one', (options, message) => {
    expect(() => resolveOptions(options as EmulatorOptions)).toThrow(RangeError)
    expect(() => resolveOptions(options as EmulatorOptions)).toThrow(message)
  })

  it('checks faults with the fault parser, naming the rule and field', () => {
    const faults = { rules: [{ route: '*', kind: 'explode' }] } as unknown as FaultSpec
    expect(() => resolveOptions({ faults })).toThrow('faults.rules[0].kind must be one of')
  })

  it('accepts an unlimited rate', () => {
    expect(resolveOptions({ rate: Infinity }).rate).toBe(Infinity)
  })
})
