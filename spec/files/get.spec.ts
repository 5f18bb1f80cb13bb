// get$: GET /v1/files/{file_id} against the emulator, decoded as a FileDetail.
import { lastValueFrom } from 'rxjs'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { HttpError, InvalidRequestError } from '../../src/errors/index.js'
import { get$ } from '../../src/files/fileRequests.js'
import { upload$ } from '../../src/files/upload.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { requestsBySubscription } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { startFilesEmulator } from './support/filesEmulator.js'

const MISSING_ID = '00000000-0000-4000-8000-000000000000'

let emulator: RunningEmulator
let ctx: HttpContext
let fileId: string

beforeAll(async () => {
  ;({ emulator, ctx } = await startFilesEmulator())
  fileId = (await lastValueFrom(upload$(ctx, '{"body":{}}\n', { filename: 'one.jsonl' }))).id
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.faults.clear()
  emulator.clearRequests()
})

describe('get$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    const get = `GET /v1/files/${fileId}`
    await expect(
      requestsBySubscription(emulator.url, (recording) => get$(recording, fileId)),
    ).resolves.toEqual({ built: [], first: [get], second: [get] })
    expect(emulator.requests).toHaveLength(2)
  })

  it('emits the file decoded as a FileDetail', async () => {
    await expect(lastValueFrom(get$(ctx, fileId))).resolves.toMatchObject({
      id: fileId,
      object: 'file',
      filename: 'one.jsonl',
      num_lines: 1,
      sample_type: 'batch_request',
      deleted: false,
    })
    expect(emulator.requests[0]).toMatchObject({ method: 'GET', path: `/v1/files/${fileId}` })
  })

  it('gives the HttpError of a 404 without retrying', async () => {
    const failure = lastValueFrom(get$(ctx, MISSING_ID))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404 })
    expect(emulator.requests).toHaveLength(1)
  })

  it('rejects an id that is not a UUID before sending anything', async () => {
    const failure = lastValueFrom(get$(ctx, 'file-1'))
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({
      field: 'fileId',
      message:
        'fileId must be a UUID such as 0b3c1e52-7c1f-4f37-9d0e-2a5b8c4d6e7f, as Mistral returns for jobs and files',
    })
    expect(emulator.requests).toHaveLength(0)
  })

  it('retries a 503 as a safe operation', async () => {
    emulator.faults.set({ rules: [{ route: 'GET /v1/files/:id', kind: '503', times: 2 }] })
    await expect(lastValueFrom(get$(ctx, fileId))).resolves.toMatchObject({ id: fileId })
    expect(emulator.requests).toHaveLength(3)
  })

  it('aborts the request on unsubscribe: the emulator never finishes the response', async () => {
    const dropped = await unsubscribeMidBody(emulator, 'GET /v1/files/:id', (recording) =>
      get$(recording, fileId),
    )
    expect(dropped).toEqual(ABORTED_MID_BODY)
  })
})
