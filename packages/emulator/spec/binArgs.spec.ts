// The emulator's command-line flags.
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseEmulatorArgs } from '../src/binArgs'

describe('parseEmulatorArgs', () => {
  it('reads every flag into options', () => {
    const args = parseEmulatorArgs([
      '--port',
      '8080',
      '--host',
      '0.0.0.0',
      '--data-dir',
      '/tmp/x',
      '--api-key',
      'k',
      '--rate',
      'Infinity',
      '--queue-delay-ms',
      '10',
      '--hour-ms',
      '1000',
      '--seed',
      '7',
      '--faults',
      '[{"route":"*","kind":"429","rate":0.5}]',
    ])
    expect(args).toEqual({
      help: false,
      options: {
        port: 8080,
        host: '0.0.0.0',
        dataDir: '/tmp/x',
        apiKey: 'k',
        rate: Infinity,
        queueDelayMs: 10,
        hourMs: 1000,
        seed: 7,
        faults: { rules: [{ route: '*', kind: '429', rate: 0.5 }] },
      },
    })
  })

  it('defaults to port 0 and leaves the rest to startEmulator', () => {
    expect(parseEmulatorArgs([])).toEqual({ help: false, options: { port: 0 } })
    expect(parseEmulatorArgs(['--help'])).toEqual({ help: true })
  })

  it('reads --faults from a JSON file', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'faults-')), 'faults.json')
    await fs.writeFile(
      file,
      JSON.stringify({ seed: 3, rules: [{ route: 'GET *', kind: 'reset' }] }),
    )
    const args = parseEmulatorArgs(['--faults', file])
    expect(args).toEqual({
      help: false,
      options: { port: 0, faults: { seed: 3, rules: [{ route: 'GET *', kind: 'reset' }] } },
    })
    await fs.rm(path.dirname(file), { recursive: true })
  })

  it('says which --faults file cannot be read, and why, in words', () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-for-faults', 'nope.json')
    const attempt = () => parseEmulatorArgs(['--faults', missing])
    expect(attempt).toThrow(
      `--faults "${missing}" is neither JSON nor a readable file: no such file`,
    )
    expect(attempt).not.toThrow('ENOENT')
  })

  it('says which --faults text or file is not JSON', async () => {
    expect(() => parseEmulatorArgs(['--faults', '{rules'])).toThrow('--faults is not valid JSON')
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'faults-'))
    const file = path.join(dir, 'faults.json')
    await fs.writeFile(file, '{"rules": [')
    try {
      expect(() => parseEmulatorArgs(['--faults', file])).toThrow(
        `--faults file "${file}" is not valid JSON`,
      )
    } finally {
      await fs.rm(dir, { recursive: true })
    }
  })

  it('names the bad flag', () => {
    expect(() => parseEmulatorArgs(['--rate', 'fast'])).toThrow('--rate must be a number')
    expect(() => parseEmulatorArgs(['--faults', '[{"route":"*"}]'])).toThrow('kind must be one of')
    expect(() => parseEmulatorArgs(['--nope'])).toThrow()
  })
})
