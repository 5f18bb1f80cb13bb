// The Files API routes of the emulator, every response checked against Mistral's OpenAPI schemas.
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { startEmulator, type RunningEmulator } from '../../src/index'
import { call, chatJsonl, upload } from '../support/emulatorClient'
import { expectSchema } from '../support/openApiSchemas'

describe('emulator files routes', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0, hourMs: 1000 })
  })
  afterAll(() => emulator.close())

  it('uploads a batch file: counts lines, marks it batch_request, fits CreateFileResponse', async () => {
    const { status, body } = await upload(emulator.url, chatJsonl(3))
    expect(status).toBe(200)
    expectSchema('CreateFileResponse', body)
    expect(body).toMatchObject({
      object: 'file',
      filename: 'input.jsonl',
      purpose: 'batch',
      sample_type: 'batch_request',
      source: 'upload',
      num_lines: 3,
      bytes: Buffer.byteLength(chatJsonl(3)),
      mimetype: 'application/jsonl',
      visibility: 'workspace',
    })
  })

  it('defaults the purpose to batch and marks a file of non-requests as instruct', async () => {
    const { body } = await upload(emulator.url, '{"a":1}\n\n{"b":2}', {}, 'notes.jsonl')
    expect(body).toMatchObject({ purpose: 'batch', sample_type: 'instruct', num_lines: 2 })
  })

  it('rejects an upload without a file, or with an unknown purpose, with 422 detail[]', async () => {
    const form = new FormData()
    form.append('purpose', 'batch')
    const response = await fetch(`${emulator.url}/v1/files`, { method: 'POST', body: form })
    expect(response.status).toBe(422)
    const missing = await response.json()
    expectSchema('HTTPValidationError', missing)
    expect(missing.detail[0].loc).toEqual(['body', 'file'])

    const badPurpose = await upload(emulator.url, chatJsonl(1), { purpose: 'cheese' })
    expect(badPurpose.status).toBe(422)
    expectSchema('HTTPValidationError', badPurpose.body)
  })

  it('refuses an upload over maxUploadBytes with 413', async () => {
    const small = await startEmulator({ maxUploadBytes: 100 })
    try {
      const { status, body } = await upload(small.url, chatJsonl(10))
      expect(status).toBe(413)
      expect(body).toMatchObject({ object: 'error', type: 'invalid_request_error' })
      expect(small.stats().files).toBe(0)
    } finally {
      await small.close()
    }
  })

  it('retrieves a file with deleted:false, deletes it, then answers 404 in Mistral shape', async () => {
    const { body: created } = await upload(emulator.url, chatJsonl(1))
    const id = (created as { id: string }).id
    const retrieved = await call(emulator.url, 'GET', `/v1/files/${id}`)
    expectSchema('GetFileResponse', retrieved.body)
    expect(retrieved.body).toMatchObject({ id, deleted: false })

    const deleted = await call(emulator.url, 'DELETE', `/v1/files/${id}`)
    expectSchema('DeleteFileResponse', deleted.body)
    expect(deleted.body).toEqual({ id, object: 'file', deleted: true })

    for (const [method, path] of [
      ['GET', `/v1/files/${id}`],
      ['DELETE', `/v1/files/${id}`],
      ['GET', `/v1/files/${id}/content`],
      ['GET', `/v1/files/${id}/url`],
    ] as const) {
      const missing = await call(emulator.url, method, path)
      expect(missing.status).toBe(404)
      expect(missing.body).toEqual({
        object: 'error',
        message: `File ${id} not found`,
        type: 'invalid_request_error',
        param: null,
        code: 'not_found',
      })
    }
  })

  it('downloads the exact bytes as application/octet-stream with content-length', async () => {
    const content = chatJsonl(5)
    const { body } = await upload(emulator.url, content)
    const response = await fetch(`${emulator.url}/v1/files/${(body as { id: string }).id}/content`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/octet-stream')
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(content)))
    expect(await response.text()).toBe(content)
  })

  it.each(['日本.jsonl', '🎉.jsonl', 'données.jsonl'])(
    'downloads %s with its exact name in filename* and an ASCII fallback (RFC 6266)',
    async (name) => {
      const content = chatJsonl(2)
      const { body } = await upload(emulator.url, content, { purpose: 'batch' }, name)
      expect(body).toMatchObject({ filename: name })
      const response = await fetch(
        `${emulator.url}/v1/files/${(body as { id: string }).id}/content`,
      )
      const disposition = response.headers.get('content-disposition') ?? ''
      expect({ status: response.status, disposition }).toEqual({
        status: 200,
        disposition: expect.stringMatching(/^attachment; filename="[\x20-\x7e]*"; filename\*=/),
      })
      const extended = /filename\*=UTF-8''(\S+)$/.exec(disposition)?.[1] ?? disposition
      expect(decodeURIComponent(extended)).toBe(name)
      expect(await response.text()).toBe(content)
    },
  )

  /** Posts a hand-made multipart body (what FormData would never send). */
  const postRaw = async (contentType: string, body: string) => {
    const response = await fetch(`${emulator.url}/v1/files`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    })
    return { status: response.status, body: (await response.json()) as unknown }
  }

  /** The entries of the files folder: what an upload left behind. */
  const storedEntries = () => fs.readdir(path.join(emulator.dataDir, 'files'))

  it('refuses a file name with a control character (a NUL via filename*) with 422', async () => {
    const before = await storedEntries()
    const form = [
      '--b0undary',
      `Content-Disposition: form-data; name="file"; filename*=UTF-8''a%00b.jsonl`,
      '',
      chatJsonl(1),
      '--b0undary--',
      '',
    ].join('\r\n')
    const refused = await postRaw('multipart/form-data; boundary=b0undary', form)
    expect(refused).toEqual({
      status: 422,
      body: {
        detail: [
          {
            type: 'value_error',
            loc: ['body', 'file'],
            msg: 'The file name must not contain control characters',
            input: 'a\u0000b.jsonl',
          },
        ],
      },
    })
    expectSchema('HTTPValidationError', refused.body)
    expect(await storedEntries()).toEqual(before)
  })

  it.each([
    ['without a boundary', 'multipart/form-data', '--x\r\n\r\nhello\r\n--x--\r\n'],
    ['of garbage', 'multipart/form-data; boundary=b0undary', 'this is not a form at all'],
    [
      'that never ends',
      'multipart/form-data; boundary=b0undary',
      '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{"a":1}\n',
    ],
  ])(
    'answers a multipart body %s with 400 in Mistral shape, keeping nothing',
    async (_, type, body) => {
      const before = await storedEntries()
      const refused = await postRaw(type, body)
      expect(refused).toEqual({
        status: 400,
        body: {
          object: 'error',
          message: expect.stringMatching(/^There was an error parsing the body: ./),
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_multipart',
        },
      })
      expect(await storedEntries()).toEqual(before)
    },
  )

  it('lists files with pagination, include_total and every filter', async () => {
    await emulator.reset()
    const a = (await upload(emulator.url, chatJsonl(1), { purpose: 'batch' }, 'alpha.jsonl')).body
    const b = (await upload(emulator.url, 'x\n', { purpose: 'fine-tune' }, 'beta.txt')).body
    const c = (await upload(emulator.url, chatJsonl(2), { purpose: 'batch' }, 'gamma.jsonl')).body
    const ids = (r: { body: unknown }) =>
      (r.body as { data: Array<{ id: string }> }).data.map((f) => f.id)
    const idOf = (f: unknown) => (f as { id: string }).id

    const all = await call(emulator.url, 'GET', '/v1/files')
    expectSchema('ListFilesResponse', all.body)
    expect(ids(all)).toEqual([idOf(c), idOf(b), idOf(a)])
    expect(all.body).toMatchObject({ object: 'list', total: 3 })

    const page = await call(emulator.url, 'GET', '/v1/files?page=1&page_size=2&include_total=false')
    expectSchema('ListFilesResponse', page.body)
    expect(ids(page)).toEqual([idOf(a)])
    expect(page.body).toMatchObject({ total: null })

    expect(ids(await call(emulator.url, 'GET', '/v1/files?purpose=fine-tune'))).toEqual([idOf(b)])
    expect(ids(await call(emulator.url, 'GET', '/v1/files?search=GAM'))).toEqual([idOf(c)])
    expect(
      ids(await call(emulator.url, 'GET', '/v1/files?sample_type=instruct&sample_type=pretrain')),
    ).toEqual([idOf(b)])
    expect(ids(await call(emulator.url, 'GET', '/v1/files?source=mistral'))).toEqual([])
    expect(ids(await call(emulator.url, 'GET', '/v1/files?mimetypes=application/jsonl'))).toEqual([
      idOf(c),
      idOf(a),
    ])

    const bad = await call(emulator.url, 'GET', '/v1/files?sample_type=nope&page=-1')
    expect(bad.status).toBe(422)
    expectSchema('HTTPValidationError', bad.body)
    expect((bad.body as { detail: unknown[] }).detail).toHaveLength(2)
  })

  it('signs a URL that downloads the file, and refuses it once expired or tampered (403)', async () => {
    const content = chatJsonl(2)
    const id = ((await upload(emulator.url, content)).body as { id: string }).id
    const signed = await call(emulator.url, 'GET', `/v1/files/${id}/url?expiry=1`)
    expect(signed.status).toBe(200)
    expectSchema('GetSignedUrlResponse', signed.body)
    const url = (signed.body as { url: string }).url
    expect(url.slice(0, emulator.url.length + 1)).toBe(`${emulator.url}/`)

    const ok = await fetch(url)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe(content)

    const tampered = await fetch(
      url.replace(/signature=(.)/, (_m, c: string) => `signature=${c === 'a' ? 'b' : 'a'}`),
    )
    expect(tampered.status).toBe(403)
    expect(await tampered.json()).toMatchObject({
      object: 'error',
      message: 'The signature is not valid',
    })

    emulator.clock.step(1001)
    const expired = await fetch(url)
    expect(expired.status).toBe(403)
    expect(await expired.json()).toMatchObject({ message: 'The signed URL has expired' })

    for (const expiry of ['0', '169', 'x']) {
      const bad = await call(emulator.url, 'GET', `/v1/files/${id}/url?expiry=${expiry}`)
      expect(bad.status).toBe(422)
      expectSchema('HTTPValidationError', bad.body)
    }
  })
})
