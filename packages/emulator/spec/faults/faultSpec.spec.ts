// One fault parser behind every way in: startEmulator, faults.set and PUT /_emulator/faults.
import { startEmulator, type FaultSpec, type RunningEmulator } from '../../src/index'
import { parseFaultSpec } from '../../src/faults/faultSpec'
import { call } from '../support/emulatorClient'

/** Specs that slipped past every entry point but the command line, and what each must say. */
const BAD_SPECS: ReadonlyArray<[string, unknown, string]> = [
  [
    'a rate map instead of rules',
    { '429': 0.05 },
    'faults must be { rules: FaultRule[], seed?: number } or FaultRule[]; unknown field "429" (known: rules, seed)',
  ],
  ['a null rule', { rules: [null] }, 'faults.rules[0] must be an object, got null'],
  [
    'an unknown kind',
    {
      rules: [
        { route: '*', kind: '503' },
        { route: '*', kind: 'explode' },
      ],
    },
    'faults.rules[1].kind must be one of 429, 500, 502, 503, reset, reset-after-processing, reset-mid-body, truncate, slow-body, got "explode"',
  ],
  [
    'a mistyped field',
    { rules: [{ route: '*', kind: '429', retryAfter: 3 }] },
    'faults.rules[0] has an unknown field "retryAfter" (did you mean "retryAfterSeconds"?)',
  ],
  [
    'a rate out of range',
    { rules: [{ route: '*', kind: '500', rate: '0.5' }] },
    'faults.rules[0].rate must be a number in 0..1, got "0.5"',
  ],
]

describe('fault specs at every entry point', () => {
  let emulator: RunningEmulator
  const kept: FaultSpec = { rules: [{ route: 'GET /v1/files', kind: '503', times: 1 }] }
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())
  beforeEach(() => emulator.faults.set(kept))

  it.each(BAD_SPECS)('parseFaultSpec refuses %s', (_, spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message)
  })

  it.each(BAD_SPECS)('startEmulator({ faults }) refuses %s', async (_, spec, message) => {
    await expect(startEmulator({ faults: spec as FaultSpec })).rejects.toThrow(message)
  })

  it.each(BAD_SPECS)('faults.set refuses %s and keeps the rules it had', (_, spec, message) => {
    expect(() => emulator.faults.set(spec as FaultSpec)).toThrow(message)
    expect(emulator.faults.get()).toEqual(kept)
  })

  it.each(BAD_SPECS)('PUT /_emulator/faults answers 400 to %s', async (_, spec, message) => {
    const put = await call(emulator.url, 'PUT', '/_emulator/faults', spec)
    expect({ status: put.status, body: put.body }).toEqual({ status: 400, body: { message } })
    expect(emulator.faults.get()).toEqual(kept)
  })

  it('keeps serving after a refused spec: the old rule fires once, then requests pass', async () => {
    expect(() => emulator.faults.set({ rules: [null] } as unknown as FaultSpec)).toThrow()
    const statuses = []
    for (let i = 0; i < 3; i += 1)
      statuses.push((await call(emulator.url, 'GET', '/v1/files')).status)
    expect(statuses).toEqual([503, 200, 200])
    expect(emulator.faults.injected.map((fault) => fault.kind)).toEqual(['503'])
  })
})
