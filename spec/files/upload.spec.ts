// upload$: POST /v1/files from every input kind against the emulator, checks, retries and aborts.
import {
  asyncScheduler,
  from,
  lastValueFrom,
  Observable,
  throwError,
  toArray,
  type SchedulerLike,
} from 'rxjs'
import type { BatchRequest } from '../../src/codecs/BatchRequest.js'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import {
  HttpError,
  InvalidRequestError,
  NetworkError,
  TimeoutError,
} from '../../src/errors/index.js'
import { download$ } from '../../src/files/fileRequests.js'
import { list$ } from '../../src/files/list.js'
import { upload$ } from '../../src/files/upload.js'
import type { UploadInput } from '../../src/files/uploadInput.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { testContext, within } from '../support/httpContext.js'
import { startServer, type TestServer } from '../support/httpServer.js'
import { requestsBySubscription, runToEnd } from '../support/recordingFetch.js'
import { watchTraffic, type ServerTraffic } from '../support/serverTraffic.js'
import { chatRequests, collectText, jsonlOf, startFilesEmulator } from './support/filesEmulator.js'

const UPLOAD_ROUTE = 'POST /v1/files'

let emulator: RunningEmulator
let ctx: HttpContext
let traffic: ServerTraffic

beforeAll(async () => {
  ;({ emulator, ctx } = await startFilesEmulator())
  traffic = watchTraffic(emulator.port)
})
afterAll(() => {
  traffic.stop()
  return emulator.close()
})
beforeEach(async () => {
  emulator.faults.clear()
  await emulator.reset()
})

const upload = (input: UploadInput, options: Partial<Parameters<typeof upload$>[2]> = {}) =>
  lastValueFrom(upload$(ctx, input, { filename: 'requests.jsonl', ...options }))

const uploads = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files')

async function* asyncRequests(
  requests: ReadonlyArray<unknown>,
  onFinally: () => void = () => undefined,
): AsyncGenerator<BatchRequest> {
  try {
    for (const request of requests) yield request as BatchRequest
  } finally {
    onFinally()
  }
}

describe('upload$', () => {
  const requests = chatRequests(50)
  const jsonl = jsonlOf(requests)
  const bytes = new TextEncoder().encode(jsonl)

  it('sends nothing before subscribe, and one request per subscription', async () => {
    await expect(
      requestsBySubscription(emulator.url, (recording) =>
        upload$(recording, jsonl, { filename: 'a.jsonl' }),
      ),
    ).resolves.toEqual({ built: [], first: [UPLOAD_ROUTE], second: [UPLOAD_ROUTE] })
    expect(uploads()).toHaveLength(2)
    expect(emulator.stats().files).toBe(2)
  })

  const kinds: Array<[string, () => UploadInput]> = [
    ['JSONL text', () => jsonl],
    ['bytes', () => bytes],
    ['an ArrayBuffer', () => bytes.slice().buffer],
    ['a Blob', () => new Blob([jsonl], { type: 'application/jsonl' })],
    ['an array of requests', () => requests],
    ['a re-iterable iterable', () => new Set(requests)],
    ['a generator (one-shot iterator)', () => requests.values()],
    ['an async iterable', () => asyncRequests(requests)],
    ['an Observable', () => from(requests)],
    ['a ReadableStream of bytes', () => new Blob([jsonl]).stream()],
    ['re-openable bytes', () => ({ openBytes: () => new Blob([jsonl]).stream() })],
  ]

  it.each(kinds)('uploads %s; the download gives back the same JSONL', async (_kind, input) => {
    const file = await upload(input())
    expect(file).toMatchObject({
      object: 'file',
      filename: 'requests.jsonl',
      purpose: 'batch',
      bytes: bytes.byteLength,
      num_lines: 50,
      sample_type: 'batch_request',
      source: 'upload',
    })
    await expect(collectText(download$(ctx, file.id))).resolves.toBe(jsonl)
  })

  it('streams a large async iterable in many chunks, encoded as the JSONL encoder makes it', async () => {
    const many = chatRequests(20_000)
    const file = await upload(asyncRequests(many))
    expect(file.num_lines).toBe(20_000)
    await expect(collectText(download$(ctx, file.id))).resolves.toBe(jsonlOf(many))
  })

  it('sends purpose, expiry and visibility, and a filename with quotes escaped', async () => {
    const file = await upload(jsonl, {
      filename: 'my "best".jsonl',
      purpose: 'fine-tune',
      visibility: 'user',
      expiry: 2,
    })
    expect(file).toMatchObject({
      filename: 'my %22best%22.jsonl',
      purpose: 'fine-tune',
      visibility: 'user',
    })
    expect(file.expires_at).toBe(file.created_at + 2 * 3600)
  })

  describe('checks before sending anything', () => {
    const cases: Array<[string, () => UploadInput, object, string, RegExp]> = [
      ['an empty filename', () => jsonl, { filename: ' ' }, 'filename', /filename/],
      ['an unknown purpose', () => jsonl, { purpose: 'fun' }, 'purpose', /purpose must be one of/],
      ['an expiry that is not an integer >= 1', () => jsonl, { expiry: 0 }, 'expiry', /expiry/],
      ['an unknown visibility', () => jsonl, { visibility: 'all' }, 'visibility', /visibility/],
      ['an input of no known kind', () => 42 as unknown as UploadInput, {}, 'input', /input must/],
      [
        'a request without a body',
        () => [requests[0], { custom_id: 'x' }] as unknown as UploadInput,
        {},
        'requests[1].body',
        /requests\[1\] must be an object with an object `body`/,
      ],
      [
        'a request whose body is not an object',
        () => asyncRequests([{ body: 'hello' }]),
        {},
        'requests[0].body',
        /object `body`/,
      ],
      [
        'duplicate custom_ids in an array',
        () => [...requests, { custom_id: 'r7', body: {} }],
        {},
        'requests[50].custom_id',
        /its custom_id "r7" repeats requests\[7\]\.custom_id/,
      ],
      [
        'duplicate custom_ids early in a stream',
        () => asyncRequests([...requests.slice(0, 3), requests[1]]),
        {},
        'requests[3].custom_id',
        /"r1" repeats/,
      ],
      [
        'a custom_id that is not a string',
        () => from([{ custom_id: 7, body: {} }] as unknown as BatchRequest[]),
        {},
        'requests[0].custom_id',
        /custom_id must be a string/,
      ],
      [
        'a request with no JSON form',
        () => [{ body: { n: BigInt(1) } }] as unknown as UploadInput,
        {},
        'requests[0].body.n',
        /^requests\[0\]\.body\.n cannot be encoded as JSON: a BigInt has no JSON form$/,
      ],
      [
        'an array with a body that does not fit the endpoint given',
        () => [...requests, { custom_id: 'bad', body: { messages: [{ role: 'robot' }] } }],
        { endpoint: '/v1/chat/completions' },
        'requests[50].body.messages[0].role',
        /^requests\[50\] \(custom_id "bad"\): body\.messages\[0\]\.role: expected one of system, user, assistant, tool, got "robot" \(checked as a ChatCompletionRequest/,
      ],
      [
        'a stream with a body that does not fit the endpoint given, early',
        () => asyncRequests([...requests.slice(0, 3), { body: { messages: 'Hi' } }]),
        { endpoint: '/v1/chat/completions' },
        'requests[3].body.messages',
        /^requests\[3\]: body\.messages: expected Array<ChatRequestMessage>, got "Hi"/,
      ],
      [
        'an endpoint that is not a string',
        () => jsonl,
        { endpoint: 42 },
        'endpoint',
        /endpoint must be a non-empty string/,
      ],
      [
        'a validateBodies that is not a boolean',
        () => jsonl,
        { validateBodies: 'no' },
        'validateBodies',
        /validateBodies must be true or false/,
      ],
    ]

    it.each(cases)('rejects %s', async (_what, input, options, field, message) => {
      const failure = upload(input(), options)
      await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
      await expect(failure).rejects.toMatchObject({
        field,
        message: expect.stringMatching(message),
      })
      expect(emulator.requests).toHaveLength(0)
    })
  })

  it('aborts a streamed upload at a bad request past the first chunk; no file is left', async () => {
    let finished = false
    const many = chatRequests(5_000)
    const arrived = traffic.next(UPLOAD_ROUTE)
    async function* lateDuplicate(): AsyncGenerator<BatchRequest> {
      try {
        yield* many
        // the bad request comes once the upload is under way: the emulator has the request
        await arrived
        yield many[10] as BatchRequest
      } finally {
        finished = true
      }
    }
    const failure = upload(lateDuplicate())
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({ field: 'requests[5000].custom_id' })
    expect(finished).toBe(true)
    await traffic.ended(await arrived)
    expect(uploads().map((r) => r.status)).not.toContain(200)
    expect(uploads()).toHaveLength(1)
    expect(emulator.stats().files).toBe(0)
  })

  it('checks no body without an endpoint, nor with validateBodies: false, nor of an unknown endpoint', async () => {
    const odd = [{ custom_id: 'odd', body: { prompt: 'not a chat' } }]
    for (const options of [
      {},
      { endpoint: '/v1/chat/completions', validateBodies: false },
      { endpoint: '/v1/not-yet-known' },
    ]) {
      const file = await upload(odd, options)
      expect(file.num_lines).toBe(1)
    }
    expect(uploads().map((r) => r.status)).toEqual([200, 200, 200])
  })

  it('passes on an error of the source itself, unchanged', async () => {
    const boom = new Error('source broke')
    await expect(upload(throwError(() => boom))).rejects.toBe(boom)
  })

  describe('retries', () => {
    it('retries a 429 for text, then stores one file', async () => {
      emulator.faults.set({
        rules: [{ route: UPLOAD_ROUTE, kind: '429', times: 1, retryAfterSeconds: 0 }],
      })
      await expect(upload(jsonl)).resolves.toMatchObject({ num_lines: 50 })
      expect(uploads()).toHaveLength(2)
      expect(emulator.stats().files).toBe(1)
    })

    it('retries a 429 for a re-iterable input, streaming it again', async () => {
      emulator.faults.set({
        rules: [{ route: UPLOAD_ROUTE, kind: '429', times: 1, retryAfterSeconds: 0 }],
      })
      const file = await upload(requests)
      expect(uploads()).toHaveLength(2)
      await expect(collectText(download$(ctx, file.id))).resolves.toBe(jsonl)
    })

    it('never retries a one-shot async iterable', async () => {
      emulator.faults.set({
        rules: [{ route: UPLOAD_ROUTE, kind: '429', times: 1, retryAfterSeconds: 0 }],
      })
      const failure = upload(asyncRequests(requests))
      await expect(failure).rejects.toBeInstanceOf(HttpError)
      await expect(failure).rejects.toMatchObject({ status: 429 })
      expect(uploads()).toHaveLength(1)
    })

    it('never retries a 500, which may have stored the file', async () => {
      emulator.faults.set({ rules: [{ route: UPLOAD_ROUTE, kind: '500', times: 1 }] })
      await expect(upload(jsonl)).rejects.toMatchObject({ status: 500 })
      await expect(upload(requests)).resolves.toMatchObject({ num_lines: 50 })
      expect(uploads()).toHaveLength(2)
    })
  })

  describe('recover', () => {
    const lists = () =>
      emulator.requests.filter((r) => r.method === 'GET' && r.path === '/v1/files')
    const storedIds = async () =>
      (await lastValueFrom(list$(ctx).pipe(toArray()))).map((file) => file.id)

    it.each([
      ['text', () => jsonl],
      ['a one-shot async iterable', () => asyncRequests(requests)],
    ] as const)(
      'returns the file stored before a reset-after-processing for %s: one file',
      async (_kind, input) => {
        emulator.faults.set({
          rules: [{ route: UPLOAD_ROUTE, kind: 'reset-after-processing', times: 1 }],
        })
        const file = await upload(input(), { recover: true })
        expect(uploads()).toHaveLength(1)
        expect(lists().length).toBeGreaterThan(0)
        await expect(storedIds()).resolves.toEqual([file.id])
        expect(file).toMatchObject({ filename: 'requests.jsonl', num_lines: 50 })
      },
    )

    it('uploads a replayable input again after a 500 that stored nothing: one file', async () => {
      emulator.faults.set({ rules: [{ route: UPLOAD_ROUTE, kind: '500', times: 1 }] })
      const file = await upload(requests, { recover: true })
      expect(uploads()).toHaveLength(2)
      await expect(storedIds()).resolves.toEqual([file.id])
      await expect(collectText(download$(ctx, file.id))).resolves.toBe(jsonl)
    })

    it('fails a one-shot async iterable after a 500 with the typed error; no file', async () => {
      emulator.faults.set({ rules: [{ route: UPLOAD_ROUTE, kind: '500', times: 1 }] })
      const failure = upload(asyncRequests(requests), { recover: true })
      await expect(failure).rejects.toBeInstanceOf(HttpError)
      await expect(failure).rejects.toMatchObject({ status: 500 })
      expect(uploads()).toHaveLength(1)
      expect(emulator.stats().files).toBe(0)
    })

    it('does not take a same-named file of another size after a reset that stored nothing', async () => {
      const other = await upload(jsonlOf(chatRequests(3)))
      emulator.faults.set({ rules: [{ route: UPLOAD_ROUTE, kind: 'reset', times: 1 }] })
      const file = await upload(jsonl, { recover: true })
      expect(file.id).not.toBe(other.id)
      expect(file.bytes).toBe(bytes.byteLength)
      expect(uploads()).toHaveLength(3)
    })

    it('does not take a same-named file of the same size made before the upload began', async () => {
      const older = await upload(jsonl)
      // our clock an hour ahead: the file made a moment ago is older than the skew margin
      const ahead: SchedulerLike = Object.create(asyncScheduler, {
        now: { value: () => Date.now() + 3_600_000 },
      }) as SchedulerLike
      const aheadCtx = testContext(emulator.url, { scheduler: ahead })
      emulator.faults.set({ rules: [{ route: UPLOAD_ROUTE, kind: '500', times: 1 }] })
      const file = await lastValueFrom(
        upload$(aheadCtx, jsonl, { filename: 'requests.jsonl', recover: true }),
      )
      expect(file.id).not.toBe(older.id)
      expect(uploads()).toHaveLength(3)
      expect(emulator.stats().files).toBe(2)
    })

    it('never looks up a streamed body cut off before its end', async () => {
      emulator.faults.set({ rules: [{ route: UPLOAD_ROUTE, kind: 'reset', times: 1 }] })
      const many = chatRequests(5_000)
      const arrived = traffic.next(UPLOAD_ROUTE)
      // the rest waits until the server has reset the connection, so it is never sent
      async function* cutOff(): AsyncGenerator<BatchRequest> {
        yield* many.slice(0, 2_000)
        await traffic.ended(await arrived)
        yield* many.slice(2_000)
      }
      const failure = upload(cutOff(), { recover: true })
      await expect(failure).rejects.toBeInstanceOf(NetworkError)
      expect(lists()).toHaveLength(0)
      expect(emulator.stats().files).toBe(0)
    })
  })

  it('aborts a streamed upload on unsubscribe: the source is closed and no file is stored', async () => {
    let closed!: () => void
    const sourceClosed = new Promise<void>((resolve) => (closed = resolve))
    async function* endless(): AsyncGenerator<BatchRequest> {
      try {
        for (let i = 0; ; i++) yield { custom_id: String(i), body: { text: 'x'.repeat(1_000) } }
      } finally {
        closed()
      }
    }
    const arrived = traffic.next(UPLOAD_ROUTE)
    const errors: unknown[] = []
    const subscription = upload$(ctx, endless(), { filename: 'endless.jsonl' }).subscribe({
      error: (error: unknown) => errors.push(error),
    })
    const served = await arrived
    subscription.unsubscribe()
    await within(sourceClosed, 5_000, 'the source to be closed')
    await expect(traffic.ended(served)).resolves.toEqual({ finished: false })
    expect(uploads().map((r) => r.status)).toEqual([0])
    expect(emulator.stats().files).toBe(0)
    expect(errors).toEqual([])
  })

  it('times out a streamed upload whose source stalls, with a TimeoutError', async () => {
    const stalled = new Observable<BatchRequest>((subscriber) => {
      subscriber.next({ custom_id: 'a', body: {} })
    })
    const { error, ...run } = await runToEnd(emulator.url, (recording) =>
      upload$(recording, stalled, { filename: 'requests.jsonl', idleTimeoutMs: 150 }),
    )
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ timeoutMs: 150 })
    // the first chunk never filled, so nothing was sent, and nothing is left that could send it
    expect(run).toEqual({ sent: [], timersLeft: [] })
    expect(emulator.requests).toEqual([])
    expect(emulator.stats().files).toBe(0)
  })

  it('ends with a NetworkError when the caller signal aborts', async () => {
    const controller = new AbortController()
    let reading!: () => void
    const sourceRead = new Promise<void>((resolve) => (reading = resolve))
    const stalled = new Observable<BatchRequest>((subscriber) => {
      subscriber.next({ custom_id: 'a', body: {} })
      reading()
    })
    const ending = runToEnd(emulator.url, (recording) =>
      upload$(recording, stalled, { filename: 'requests.jsonl', signal: controller.signal }),
    )
    await within(sourceRead, 5_000, 'the upload to read its source')
    controller.abort()
    const { error, ...run } = await ending
    expect(error).toBeInstanceOf(NetworkError)
    expect(run).toEqual({ sent: [], timersLeft: [] })
    expect(emulator.stats().files).toBe(0)
  })
})

describe('upload$ and redirects', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  // a followed redirect would replay (and, in Node's fetch, buffer) the whole body
  it.each([
    ['text', '{"body":{}}\n'],
    ['requests', [{ body: {} }]],
  ])('makes a redirected upload of %s a NetworkError, never followed', async (_kind, input) => {
    server.reply((_req, res) => {
      res.writeHead(307, { location: '/v1/elsewhere' })
      res.end()
    })
    await expect(
      lastValueFrom(upload$(testContext(server.url), input, { filename: 'r.jsonl' })),
    ).rejects.toBeInstanceOf(NetworkError)
    expect(server.requests.map((request) => request.url)).toEqual(['/v1/files'])
  })
})
