// uploadFile$: a file on disk streamed to the emulator, retried by reopening it.
import { createFilesApi } from '../../src/files/index.js'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { lastValueFrom } from 'rxjs'
import { createClient } from '../../src/client.js'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { InvalidRequestError } from '../../src/errors/index.js'
import { download$ } from '../../src/files/fileRequests.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { uploadFile$ } from '../../src/node/index.js'
import { TEST_API_KEY } from '../support/httpContext.js'
import {
  chatRequests,
  collectText,
  jsonlOf,
  startFilesEmulator,
} from '../files/support/filesEmulator.js'

let emulator: RunningEmulator
let ctx: HttpContext
let dir: string
let file: string
const content = jsonlOf(chatRequests(3_000))

beforeAll(async () => {
  ;({ emulator, ctx } = await startFilesEmulator())
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upload-file-'))
  file = path.join(dir, 'requests.jsonl')
  await fs.writeFile(file, content)
})
afterAll(async () => {
  await emulator.close()
  await fs.rm(dir, { recursive: true, force: true })
})
beforeEach(() => {
  emulator.faults.clear()
  emulator.clearRequests()
})

describe('uploadFile$', () => {
  it('streams the file under its own name; the download gives back the same bytes', async () => {
    const uploaded$ = uploadFile$({ files: createFilesApi(ctx) }, file)
    expect(emulator.requests).toHaveLength(0)
    const uploaded = await lastValueFrom(uploaded$)
    expect(uploaded).toMatchObject({
      filename: 'requests.jsonl',
      num_lines: 3_000,
      sample_type: 'batch_request',
      bytes: Buffer.byteLength(content),
    })
    await expect(collectText(download$(ctx, uploaded.id))).resolves.toBe(content)
  })

  it('works from a client too, with options passed on', async () => {
    const client = createClient({ apiKey: TEST_API_KEY, baseUrl: emulator.url })
    await expect(
      lastValueFrom(uploadFile$(client, file, { filename: 'other.jsonl', purpose: 'fine-tune' })),
    ).resolves.toMatchObject({ filename: 'other.jsonl', purpose: 'fine-tune' })
  })

  it('reopens the file to retry a 429', async () => {
    emulator.faults.set({
      rules: [{ route: 'POST /v1/files', kind: '429', times: 1, retryAfterSeconds: 0 }],
    })
    const uploaded = await lastValueFrom(uploadFile$({ files: createFilesApi(ctx) }, file))
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 200])
    await expect(collectText(download$(ctx, uploaded.id))).resolves.toBe(content)
  })

  it('rejects a path that is not a file before sending anything', async () => {
    for (const bad of [path.join(dir, 'missing.jsonl'), dir]) {
      const failure = lastValueFrom(uploadFile$({ files: createFilesApi(ctx) }, bad))
      await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
      await expect(failure).rejects.toMatchObject({ field: 'path' })
    }
    expect(emulator.requests).toHaveLength(0)
  })
})
