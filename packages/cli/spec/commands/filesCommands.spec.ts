// `mistral-batch files ...` as child processes against the emulator.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { ensureBuiltCli, runCli } from '../support/builtCli'
import {
  chatJsonl,
  emulatorEnv,
  scratchDir,
  startTestEmulator,
  writeFile,
} from '../support/cliFixture'

describe('mistral-batch files', () => {
  let emulator: RunningEmulator
  let scratch: ReturnType<typeof scratchDir>
  const cli = (...args: string[]) => runCli(args, { env: emulatorEnv(emulator), cwd: scratch.dir })

  beforeAll(async () => {
    ensureBuiltCli()
    emulator = await startTestEmulator()
    scratch = scratchDir()
  }, 120_000)

  afterAll(async () => {
    await emulator.close()
    scratch.remove()
  })

  it('uploads, lists, shows, downloads (the same bytes) and deletes a file', async () => {
    const content = chatJsonl(25)
    writeFile(scratch.dir, 'requests.jsonl', content)
    const uploaded = await cli('files', 'upload', 'requests.jsonl')
    const fileId = /as file ([0-9a-f-]{36}) \(/.exec(uploaded.stdout)?.[1] ?? ''
    expect(uploaded.stdout).toContain('25 lines')
    expect(uploaded.code).toBe(0)

    const list = await cli('files', 'list')
    expect(list.stdout).toMatch(/^ID\s+FILENAME\s+PURPOSE\s+TYPE\s+SIZE\s+LINES\s+CREATED\n/)
    expect(list.stdout).toMatch(
      new RegExp(`${fileId}\\s+requests.jsonl\\s+batch\\s+batch_request\\s`),
    )

    const got = await cli('files', 'get', fileId, '--json')
    expect(JSON.parse(got.stdout)).toMatchObject({ id: fileId, num_lines: 25 })

    const download = await cli('files', 'download', fileId, '--out', 'copy.jsonl')
    expect(download.stdout).toBe(
      `Downloaded ${(Buffer.byteLength(content) / 1024).toFixed(1)} KB (${Buffer.byteLength(content)} bytes) to copy.jsonl\n`,
    )
    expect(readFileSync(join(scratch.dir, 'copy.jsonl'), 'utf8')).toBe(content)
    const toStdout = await cli('files', 'download', fileId, '--out', '-')
    expect(toStdout.stdout).toBe(content)

    const deleted = await cli('files', 'delete', fileId)
    expect(deleted.stdout).toBe(`Deleted file ${fileId}\n`)
    const gone = await cli('files', 'get', fileId)
    expect(gone.stderr).toMatch(/^error: Request failed with status 404/)
    expect(gone.code).toBe(4)
  })

  it('a purpose that does not exist is a usage error (exit 2), caught before the upload', async () => {
    writeFile(scratch.dir, 'typo.jsonl', chatJsonl(1))
    emulator.clearRequests()
    const run = await cli('files', 'upload', 'typo.jsonl', '--purpose', 'bacth')
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr:
        "error: option '--purpose <purpose>' argument 'bacth' is invalid. must be one of " +
        'fine-tune, batch, ocr.\n',
    })
    expect(emulator.requests).toEqual([])
    const listed = await cli('files', 'list', '--purpose', 'BATCH', '--json')
    expect(listed.code).toBe(0)
  })

  it('a missing path to upload is one error line and exit 2', async () => {
    const run = await cli('files', 'upload', 'missing.jsonl')
    expect(run.stderr).toMatch(/^error: path ".*missing.jsonl" is not a readable file\n$/)
    expect(run.code).toBe(2)
  })
})
