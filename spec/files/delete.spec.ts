// delete$: DELETE /v1/files/{file_id} against the emulator, decoded as a DeletedFile.
import { lastValueFrom } from 'rxjs'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { HttpError, InvalidRequestError } from '../../src/errors/index.js'
import { delete$ } from '../../src/files/fileRequests.js'
import { upload$ } from '../../src/files/upload.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { requestsBySubscription } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { startFilesEmulator } from './support/filesEmulator.js'

const MISSING_ID = '00000000-0000-4000-8000-000000000000'

let emulator: RunningEmulator
let ctx: HttpContext

beforeAll(async () => {
  ;({ emulator, ctx } = await startFilesEmulator())
})
afterAll(() => emulator.close())
beforeEach(() => emulator.faults.clear())

const newFile = async (): Promise<string> => {
  const { id } = await lastValueFrom(upload$(ctx, '{"body":{}}\n', { filename: 'gone.jsonl' }))
  emulator.clearRequests()
  return id
}

describe('delete$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    const fileId = await newFile()
    const deletion = `DELETE /v1/files/${fileId}`
    await expect(
      requestsBySubscription(emulator.url, (recording) => delete$(recording, fileId)),
    ).resolves.toEqual({ built: [], first: [deletion], second: [deletion] })
    expect(emulator.requests.map((r) => r.status)).toEqual([200, 404])
  })

  it('deletes the file and emits the answer decoded as a DeletedFile', async () => {
    const fileId = await newFile()
    await expect(lastValueFrom(delete$(ctx, fileId))).resolves.toEqual({
      id: fileId,
      object: 'file',
      deleted: true,
    })
    expect(emulator.requests[0]).toMatchObject({ method: 'DELETE', path: `/v1/files/${fileId}` })
    expect(emulator.stats().files).toBe(0)
  })

  it('gives the HttpError of a 404 without retrying', async () => {
    emulator.clearRequests()
    const failure = lastValueFrom(delete$(ctx, MISSING_ID))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404 })
    expect(emulator.requests).toHaveLength(1)
  })

  it('rejects an id that is not a UUID before sending anything', async () => {
    emulator.clearRequests()
    await expect(lastValueFrom(delete$(ctx, ''))).rejects.toBeInstanceOf(InvalidRequestError)
    expect(emulator.requests).toHaveLength(0)
  })

  it('aborts the request on unsubscribe: the emulator never finishes the response', async () => {
    const fileId = await newFile()
    const dropped = await unsubscribeMidBody(emulator, 'DELETE /v1/files/:id', (recording) =>
      delete$(recording, fileId),
    )
    expect(dropped).toEqual(ABORTED_MID_BODY)
  })
})
