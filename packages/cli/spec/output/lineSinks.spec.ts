// File and stream sinks: checked early, written from the first line.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileSink, outputSink } from '../../src/output/lineSinks'
import { CapturedOutput } from '../support/captureOutput'
import { scratchDir, writeFile } from '../support/cliFixture'

describe('line sinks', () => {
  const scratch = scratchDir()
  afterAll(() => scratch.remove())

  it('a file sink writes its lines, relative to the folder given, and counts them', async () => {
    const sink = await fileSink(scratch.dir, 'a.jsonl', true)
    sink.writeLine('{"n":1}')
    sink.writeLine('{"n":2}')
    await sink.close(true)
    expect(readFileSync(join(scratch.dir, 'a.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":2}\n')
    expect(sink).toMatchObject({ lines: 2, name: 'a.jsonl' })
  })

  it('leaves an existing file alone until the first line, and creates an empty one only when it must', async () => {
    const kept = writeFile(scratch.dir, 'kept.jsonl', 'old\n')
    await (await fileSink(scratch.dir, kept, true)).close(false)
    expect(readFileSync(kept, 'utf8')).toBe('old\n')

    await (await fileSink(scratch.dir, 'optional.jsonl', false)).close(true)
    expect(readdirSync(scratch.dir)).not.toContain('optional.jsonl')

    await (await fileSink(scratch.dir, 'required.jsonl', true)).close(true)
    expect(readFileSync(join(scratch.dir, 'required.jsonl'), 'utf8')).toBe('')
  })

  it('refuses a path it cannot write before any line (exit 2)', async () => {
    await expect(fileSink(scratch.dir, 'no/such/dir.jsonl', true)).rejects.toMatchObject({
      exitCode: 2,
      message: 'cannot write no/such/dir.jsonl: no such directory',
    })
    await expect(fileSink(scratch.dir, '.', true)).rejects.toMatchObject({
      message: 'cannot write .: is a directory',
    })
  })

  it('an output sink writes lines to the stream', async () => {
    const out = new CapturedOutput()
    const sink = outputSink(out)
    sink.writeLine('x')
    await sink.close(true)
    expect(out.text).toBe('x\n')
    expect(sink).toMatchObject({ lines: 1, name: 'stdout' })
  })
})
