// downloadToFile$: chunks written to `path.part`, renamed at the end, removed on failure.
import { createFilesApi } from '../../src/files/index.js'
import { existsSync, promises as fs, watch } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { lastValueFrom, toArray } from 'rxjs'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { NetworkError } from '../../src/errors/index.js'
import { upload$ } from '../../src/files/upload.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { downloadToFile$ } from '../../src/node/index.js'
import { chatRequests, jsonlOf, startFilesEmulator } from '../files/support/filesEmulator.js'
import { within } from '../support/httpContext.js'
import { watchTraffic } from '../support/serverTraffic.js'

const CONTENT_ROUTE = 'GET /v1/files/:id/content'
const MISSING_ID = '00000000-0000-4000-8000-000000000000'

let emulator: RunningEmulator
let ctx: HttpContext
let dir: string
let fileId: string
const content = jsonlOf(chatRequests(3_000))

beforeAll(async () => {
  ;({ emulator, ctx } = await startFilesEmulator())
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'download-file-'))
  fileId = (await lastValueFrom(upload$(ctx, content, { filename: 'in.jsonl' }))).id
})
afterAll(async () => {
  await emulator.close()
  await fs.rm(dir, { recursive: true, force: true })
})
beforeEach(() => {
  emulator.faults.clear()
  emulator.clearRequests()
})

/** Resolves once `file` is gone, checking again on each change fs.watch reports in its folder. */
const removed = (file: string): Promise<void> => {
  const watcher = watch(path.dirname(file))
  const gone = new Promise<void>((resolve) => {
    const check = (): void => {
      if (!existsSync(file)) resolve()
    }
    watcher.on('change', check)
    check()
  })
  return within(gone, 5_000, `${file} to be removed`).finally(() => watcher.close())
}

describe('downloadToFile$', () => {
  it('writes the content to path, emitting the bytes written so far', async () => {
    const target = path.join(dir, 'ok.jsonl')
    const progress = await lastValueFrom(
      downloadToFile$({ files: createFilesApi(ctx) }, fileId, target).pipe(toArray()),
    )
    await expect(fs.readFile(target, 'utf8')).resolves.toBe(content)
    expect(progress.at(-1)).toBe(Buffer.byteLength(content))
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    await expect(fs.access(`${target}.part`)).rejects.toThrow()
  })

  it('leaves neither the file nor a .part behind when the body breaks off', async () => {
    emulator.faults.set({ rules: [{ route: CONTENT_ROUTE, kind: 'reset-mid-body' }] })
    const target = path.join(dir, 'broken.jsonl')
    await expect(
      lastValueFrom(downloadToFile$({ files: createFilesApi(ctx) }, fileId, target)),
    ).rejects.toBeInstanceOf(NetworkError)
    await expect(fs.readdir(dir)).resolves.not.toContain('broken.jsonl')
    await expect(fs.readdir(dir)).resolves.not.toContain('broken.jsonl.part')
  })

  it('removes the .part file when unsubscribed mid-transfer', async () => {
    emulator.faults.set({
      rules: [{ route: CONTENT_ROUTE, kind: 'slow-body', chunkBytes: 1024, delayMs: 20 }],
    })
    const target = path.join(dir, 'dropped.jsonl')
    const traffic = watchTraffic(emulator.port)
    const arrived = traffic.next(`GET /v1/files/${fileId}/content`)
    let written!: () => void
    const firstChunkWritten = new Promise<void>((resolve) => (written = resolve))
    const subscription = downloadToFile$({ files: createFilesApi(ctx) }, fileId, target).subscribe({
      next: () => written(),
    })
    try {
      await within(firstChunkWritten, 5_000, 'the first chunk to be written')
      await expect(fs.readdir(dir)).resolves.toContain('dropped.jsonl.part')
      subscription.unsubscribe()
      await removed(`${target}.part`)
      expect(existsSync(target)).toBe(false)
      await expect(traffic.ended(await arrived)).resolves.toEqual({ finished: false })
    } finally {
      traffic.stop()
    }
  })

  it('gives the HttpError of a missing file and leaves nothing', async () => {
    const target = path.join(dir, 'missing.jsonl')
    await expect(
      lastValueFrom(downloadToFile$({ files: createFilesApi(ctx) }, MISSING_ID, target)),
    ).rejects.toMatchObject({
      _tag: 'HttpError',
      status: 404,
    })
    expect((await fs.readdir(dir)).filter((name) => name.startsWith('missing'))).toEqual([])
  })
})
