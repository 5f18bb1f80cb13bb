// The fault engine: route patterns, rates, skip/times, and a seeded, repeatable draw.
import { createFaultEngine, routeMatches } from '../../src/faults/faultController'
import { parseFaultSpec } from '../../src/faults/faultSpec'

describe('routeMatches', () => {
  it.each([
    ['*', 'GET', '/v1/files/:file_id', '/v1/files/abc', true],
    ['GET *', 'POST', '/v1/files', '/v1/files', false],
    ['GET /v1/batch/jobs/:id', 'GET', '/v1/batch/jobs/:job_id', '/v1/batch/jobs/x', true],
    ['GET /v1/batch/jobs/:id', 'GET', '/v1/batch/jobs', '/v1/batch/jobs', false],
    ['get /v1/batch/jobs', 'GET', '/v1/batch/jobs', '/v1/batch/jobs', true],
    ['* /v1/files/abc/content', 'GET', '/v1/files/:file_id/content', '/v1/files/abc/content', true],
    ['GET /v1/files/*', 'GET', '/v1/files/:file_id/content', '/v1/files/abc/content', true],
    [
      'POST /v1/batch/jobs',
      'POST',
      '/v1/batch/jobs/:job_id/cancel',
      '/v1/batch/jobs/x/cancel',
      false,
    ],
  ])('%s against %s %s is %s', (pattern, method, template, path, expected) => {
    expect(routeMatches(pattern, method, template, path)).toBe(expected)
  })
})

describe('createFaultEngine', () => {
  const draws = (seed: number) => {
    const engine = createFaultEngine({ rules: [{ route: '*', kind: '503', rate: 0.3 }] }, seed)
    return Array.from({ length: 50 }, () => engine.decide('GET', '/x', '/x')?.kind ?? 'ok')
  }

  it('repeats the same sequence for the same seed, and another for another seed', () => {
    expect(draws(42)).toEqual(draws(42))
    expect(draws(42)).not.toEqual(draws(43))
    const faults = draws(42).filter((kind) => kind === '503').length
    expect(faults).toBeGreaterThan(5)
    expect(faults).toBeLessThan(30)
  })

  it('skips the first matches, fires `times` times, then lets requests through', () => {
    const engine = createFaultEngine(
      { rules: [{ route: 'GET /a', kind: '429', skip: 1, times: 2 }] },
      1,
    )
    const kinds = Array.from({ length: 5 }, () => engine.decide('GET', '/a', '/a')?.kind ?? 'ok')
    expect(kinds).toEqual(['ok', '429', '429', 'ok', 'ok'])
    expect(engine.decide('GET', '/b', '/b')).toBeNull()
    expect(engine.injected.map((fault) => fault.kind)).toEqual(['429', '429'])
  })

  it('adds up the rates of the matching rules: the first rule drawn wins', () => {
    const engine = createFaultEngine(
      {
        rules: [
          { route: '*', kind: '500', rate: 0.5 },
          { route: '*', kind: 'reset', rate: 0.5 },
        ],
      },
      7,
    )
    const kinds = new Set(Array.from({ length: 40 }, () => engine.decide('GET', '/', '/')?.kind))
    expect(kinds).toEqual(new Set(['500', 'reset']))
  })

  it('restarts its PRNG and counters on set, and clear removes every rule', () => {
    const engine = createFaultEngine({ rules: [{ route: '*', kind: '500', rate: 0.5 }] }, 3)
    const first = Array.from({ length: 20 }, () => engine.decide('GET', '/', '/')?.kind)
    engine.set(engine.get())
    expect(Array.from({ length: 20 }, () => engine.decide('GET', '/', '/')?.kind)).toEqual(first)
    engine.clear()
    expect(engine.decide('GET', '/', '/')).toBeNull()
    expect(engine.get()).toEqual({ rules: [] })
  })
})

describe('parseFaultSpec', () => {
  it('accepts a spec object or a bare array of rules', () => {
    expect(parseFaultSpec([{ route: '*', kind: '502', rate: 0.1 }])).toEqual({
      rules: [{ route: '*', kind: '502', rate: 0.1 }],
    })
    expect(
      parseFaultSpec({ seed: 9, rules: [{ route: 'GET *', kind: 'slow-body', delayMs: 5 }] }),
    ).toEqual({
      seed: 9,
      rules: [{ route: 'GET *', kind: 'slow-body', delayMs: 5 }],
    })
  })

  it.each([
    [{ rules: [{ route: '*', kind: 'explode' }] }, 'kind must be one of'],
    [{ rules: [{ kind: '500' }] }, 'route must be a non-empty string'],
    [{ rules: [{ route: '*', kind: '500', rate: 2 }] }, 'rate must be a number in 0..1'],
    [{ rules: {} }, 'faults must be'],
    [{ rules: [], seed: 1.5 }, 'seed must be an integer'],
  ])('rejects %j naming the field', (input, message) => {
    expect(() => parseFaultSpec(input)).toThrow(message)
  })
})
