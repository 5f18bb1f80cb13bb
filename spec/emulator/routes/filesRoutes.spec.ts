// The Files API routes of the emulator, every response checked against Mistral's OpenAPI schemas.
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index'
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
    expect(url.startsWith(`${emulator.url}/`)).toBe(true)

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
