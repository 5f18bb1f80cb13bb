// The signed-URL key on disk: a damaged one is set aside and replaced, with a warning naming it.
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startEmulator } from '../../src/index'
import { call, chatJsonl, upload } from '../support/emulatorClient'

describe('emulator signing key', () => {
  let dataDir: string
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'emulator-key-'))
  })
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }))

  it.each([
    ['empty', ''],
    ['blank', '  \n'],
    ['truncated', 'a1b2c3'],
  ])(
    'replaces a signing.key that is %s, quarantines it, and warns naming it',
    async (_, stored) => {
      const keyFile = path.join(dataDir, 'signing.key')
      await fs.writeFile(keyFile, stored)
      const warnings: string[] = []
      const emulator = await startEmulator({ dataDir, onWarning: (m) => warnings.push(m) })
      try {
        const quarantined = path.join(dataDir, 'quarantine')
        expect(warnings).toEqual([
          expect.stringContaining(
            `damaged ${keyFile}: ${stored.trim().length} characters, expected at least 32; moved to ${quarantined}`,
          ),
        ])
        expect(await fs.readFile(path.join(quarantined, 'signing.key'), 'utf8')).toBe(stored)
        expect(await fs.readFile(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}$/)

        const id = ((await upload(emulator.url, chatJsonl(1))).body as { id: string }).id
        const { url } = (await call(emulator.url, 'GET', `/v1/files/${id}/url`)).body as {
          url: string
        }
        expect((await fetch(url)).status).toBe(200)
      } finally {
        await emulator.close()
      }
    },
  )

  it('keeps a sound key without a word', async () => {
    const key = 'f'.repeat(64)
    await fs.writeFile(path.join(dataDir, 'signing.key'), `${key}\n`)
    const warnings: string[] = []
    const emulator = await startEmulator({ dataDir, onWarning: (m) => warnings.push(m) })
    await emulator.close()
    expect(warnings).toEqual([])
    expect(await fs.readFile(path.join(dataDir, 'signing.key'), 'utf8')).toBe(`${key}\n`)
  })
})
