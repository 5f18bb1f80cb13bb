// Packs the package as npm would publish it, installs the tarball into a fresh folder, and proves
// that both module systems load a working createClient and that the types resolve.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..', '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

describe('the published package', () => {
  let consumer: string

  beforeAll(() => {
    consumer = mkdtempSync(join(tmpdir(), 'mbrx-consumer-'))
    execFileSync(npm, ['pack', '--pack-destination', consumer, '--silent'], {
      cwd: root,
      stdio: 'pipe',
    })
    const tarball = readdirSync(consumer).find((f) => f.endsWith('.tgz'))
    if (!tarball) throw new Error('npm pack produced no tarball')
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true }),
    )
    execFileSync(
      npm,
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        `./${tarball}`,
        'rxjs@7',
        'io-ts@2',
        'fp-ts@2',
      ],
      { cwd: consumer, stdio: 'pipe' },
    )
  }, 240_000)

  afterAll(() => rmSync(consumer, { recursive: true, force: true }))

  const node = (file: string, source: string): string => {
    writeFileSync(join(consumer, file), source)
    return execFileSync(process.execPath, [file], { cwd: consumer, encoding: 'utf8' }).trim()
  }

  const probe = (load: string) => `${load}
  const client = m.createClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' })
  console.log(typeof m.createClient, typeof client.batch.get$, typeof m.toEither)`

  it('require() gives a working createClient', () => {
    expect(node('probe.cjs', probe("const m = require('mistral-batch-rx')"))).toBe(
      'function function function',
    )
  })

  it('import() gives a working createClient', () => {
    expect(node('probe.mjs', probe("const m = await import('mistral-batch-rx')"))).toBe(
      'function function function',
    )
  })

  it('the Node-only entry points load in both module systems', () => {
    const probeEntries = `
  console.log(typeof node.uploadFile$, typeof node.downloadToFile$, typeof emulator.startEmulator, typeof cli.main)`
    const loaded = 'function function function function'
    expect(
      node(
        'entries.cjs',
        `const node = require('mistral-batch-rx/node')
  const emulator = require('mistral-batch-rx/emulator')
  const cli = require('mistral-batch-rx/cli')${probeEntries}`,
      ),
    ).toBe(loaded)
    expect(
      node(
        'entries.mjs',
        `const node = await import('mistral-batch-rx/node')
  const emulator = await import('mistral-batch-rx/emulator')
  const cli = await import('mistral-batch-rx/cli')${probeEntries}`,
      ),
    ).toBe(loaded)
  })

  it('the installed emulator serves a batch job to the installed client', () => {
    const output = node(
      'roundtrip.mjs',
      `import { startEmulator } from 'mistral-batch-rx/emulator'
  import { createClient } from 'mistral-batch-rx'
  import { lastValueFrom } from 'rxjs'
  const emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0 })
  try {
    const client = createClient({ apiKey: 'k', baseUrl: emulator.url })
    const job = await lastValueFrom(client.batch.create$({
      endpoint: '/v1/chat/completions', model: 'm',
      requests: [{ custom_id: 'a', body: { messages: [{ role: 'user', content: 'hi' }] } }],
    }))
    const done = await lastValueFrom(client.batch.watchJob$(job.id, { intervalMs: 20 }))
    console.log(done.status, done.succeeded_requests)
  } finally {
    await emulator.close()
  }`,
    )
    expect(output).toBe('SUCCESS 1')
  })

  it('the mistral-batch bin answers --help', () => {
    const help = execFileSync(join(consumer, 'node_modules', '.bin', 'mistral-batch'), ['--help'], {
      cwd: consumer,
      encoding: 'utf8',
    })
    expect(help).toContain('Usage: mistral-batch')
  })

  it('the types resolve for an ESM and a CommonJS TypeScript consumer', () => {
    const source = `import { createClient, type BatchJob } from 'mistral-batch-rx'
const client = createClient({ apiKey: 'k' })
const job$ = client.batch.get$('00000000-0000-4000-8000-000000000000')
export const status = (job: BatchJob): string => job.status
export { job$ }
`
    writeFileSync(join(consumer, 'esm.mts'), source)
    writeFileSync(join(consumer, 'cjs.cts'), source)
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext']
    const check = spawnSync(process.execPath, [tsc, ...args, 'esm.mts', 'cjs.cts'], {
      cwd: consumer,
      encoding: 'utf8',
    })
    expect(check.stdout + check.stderr).toBe('')
    expect(check.status).toBe(0)
  })
})
