// CORS: preflights answered for the origins allowed, the client's headers exposed, nothing logged.
import { startEmulator, type RunningEmulator } from '../../src/index'
import { parseEmulatorArgs } from '../../src/binArgs'
import { resolveOptions } from '../../src/options'

const APP = 'http://localhost:4200'

const preflight = (emulator: RunningEmulator, origin: string): Promise<Response> =>
  fetch(`${emulator.url}/v1/batch/jobs`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  })

const corsHeaders = (response: Response): Record<string, string | null> => ({
  status: String(response.status),
  allowOrigin: response.headers.get('access-control-allow-origin'),
  allowMethods: response.headers.get('access-control-allow-methods'),
  allowHeaders: response.headers.get('access-control-allow-headers'),
})

describe('the emulator with CORS', () => {
  let open: RunningEmulator[] = []
  const start = async (cors?: boolean | string[]) => {
    const emulator = await startEmulator(cors === undefined ? {} : { cors })
    open.push(emulator)
    return emulator
  }
  afterEach(async () => {
    await Promise.all(open.map((emulator) => emulator.close()))
    open = []
  })

  it('answers a preflight from any origin with cors: true, and logs no request', async () => {
    const emulator = await start(true)
    expect(corsHeaders(await preflight(emulator, APP))).toEqual({
      status: '204',
      allowOrigin: '*',
      allowMethods: 'GET, POST, PUT, DELETE, OPTIONS',
      allowHeaders: 'authorization, content-type',
    })
    expect(emulator.requests).toEqual([])
  })

  it('exposes the headers the client reads on an answer to the app', async () => {
    const emulator = await start([APP])
    const response = await fetch(`${emulator.url}/v1/batch/jobs`, { headers: { origin: APP } })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe(APP)
    expect(response.headers.get('vary')).toContain('Origin')
    const exposed = response.headers.get('access-control-expose-headers')?.split(', ')
    expect(exposed).toEqual(
      expect.arrayContaining([
        'x-kong-request-id',
        'retry-after',
        'x-ratelimit-remaining-req-minute',
      ]),
    )
  })

  it('allows only the origins listed', async () => {
    const emulator = await start([APP])
    expect(corsHeaders(await preflight(emulator, 'http://evil.example'))).toEqual({
      status: '204',
      allowOrigin: null,
      allowMethods: null,
      allowHeaders: null,
    })
  })

  it('answers no preflight without cors, as Mistral does not', async () => {
    const emulator = await start()
    const response = await preflight(emulator, APP)
    expect(response.status).toBe(404)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses an origin that is not one', () => {
    expect(() => resolveOptions({ cors: ['localhost:4200/'] })).toThrow(
      'cors must be true, false or a list of origins such as http://localhost:4200, got "localhost:4200/"',
    )
  })

  it.each<[string[], unknown]>([
    [['--cors'], true],
    [['--cors', '--port', '0'], true],
    [
      ['--cors', APP, '--cors', 'http://127.0.0.1:8080'],
      [APP, 'http://127.0.0.1:8080'],
    ],
  ])('reads %j from the command line', (argv, cors) => {
    expect(parseEmulatorArgs(argv)).toEqual({
      help: false,
      options: expect.objectContaining({ cors }),
    })
  })
})
