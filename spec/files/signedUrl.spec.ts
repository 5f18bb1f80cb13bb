// signedUrl$: GET /v1/files/{file_id}/url against the emulator, with the expiry checked first.
import { lastValueFrom } from 'rxjs'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { HttpError, InvalidRequestError } from '../../src/errors/index.js'
import { signedUrl$ } from '../../src/files/fileRequests.js'
import { upload$ } from '../../src/files/upload.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { requestsBySubscription } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { startFilesEmulator } from './support/filesEmulator.js'

const MISSING_ID = '00000000-0000-4000-8000-000000000000'
const CONTENT = '{"body":{"a":1}}\n'

let emulator: RunningEmulator
let ctx: HttpContext
let fileId: string

beforeAll(async () => {
  ;({ emulator, ctx } = await startFilesEmulator())
  fileId = (await lastValueFrom(upload$(ctx, CONTENT, { filename: 'signed.jsonl' }))).id
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.faults.clear()
  emulator.clearRequests()
})

describe('signedUrl$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    const get = `GET /v1/files/${fileId}/url`
    await expect(
      requestsBySubscription(emulator.url, (recording) => signedUrl$(recording, fileId)),
    ).resolves.toEqual({ built: [], first: [get], second: [get] })
    expect(emulator.requests).toHaveLength(2)
  })

  it('emits a URL that serves the file without the key, with the expiry sent', async () => {
    const { url } = await lastValueFrom(signedUrl$(ctx, fileId, { expiryHours: 2 }))
    expect(emulator.requests[0]).toMatchObject({
      path: `/v1/files/${fileId}/url`,
      query: { expiry: '2' },
    })
    const response = await fetch(url)
    expect(response.status).toBe(200)
    await expect(response.text()).resolves.toBe(CONTENT)
  })

  it('leaves the expiry to the server when not given', async () => {
    await lastValueFrom(signedUrl$(ctx, fileId))
    expect(emulator.requests[0]?.query).toEqual({})
  })

  it.each([0, 169, 1.5, Number.NaN])(
    'rejects expiryHours %p before sending anything',
    async (expiryHours) => {
      const failure = lastValueFrom(signedUrl$(ctx, fileId, { expiryHours }))
      await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
      await expect(failure).rejects.toMatchObject({
        field: 'expiryHours',
        message: 'expiryHours must be an integer from 1 to 168',
      })
      expect(emulator.requests).toHaveLength(0)
    },
  )

  it('accepts the bounds 1 and 168', async () => {
    await lastValueFrom(signedUrl$(ctx, fileId, { expiryHours: 1 }))
    await lastValueFrom(signedUrl$(ctx, fileId, { expiryHours: 168 }))
    expect(emulator.requests.map((r) => r.status)).toEqual([200, 200])
  })

  it('gives the HttpError of a 404, and rejects a bad id before sending', async () => {
    await expect(lastValueFrom(signedUrl$(ctx, MISSING_ID))).rejects.toBeInstanceOf(HttpError)
    await expect(lastValueFrom(signedUrl$(ctx, 'x'))).rejects.toBeInstanceOf(InvalidRequestError)
    expect(emulator.requests).toHaveLength(1)
  })

  it('aborts the request on unsubscribe: the emulator never finishes the response', async () => {
    const dropped = await unsubscribeMidBody(emulator, 'GET /v1/files/:id/url', (recording) =>
      signedUrl$(recording, fileId),
    )
    expect(dropped).toEqual(ABORTED_MID_BODY)
  })
})
