// `mistral-batch demo`: a whole run on an embedded emulator, without key or network.
import { join } from 'node:path'
import { ensureBuiltCli, runCli } from '../support/builtCli'
import { readJsonl, scratchDir } from '../support/cliFixture'

describe('mistral-batch demo', () => {
  let scratch: ReturnType<typeof scratchDir>

  beforeAll(() => {
    ensureBuiltCli()
    scratch = scratchDir()
  }, 120_000)

  afterAll(() => scratch.remove())

  it('runs 200 requests, writes demo-results.jsonl, prints the summary and a few answers', async () => {
    const run = await runCli(['demo', '--requests', '200'], { cwd: scratch.dir })
    expect(run.stderr).toMatch(
      /Started a local Mistral batch emulator at http:\/\/127\.0\.0\.1:\d+/,
    )
    expect(run.stderr).toContain('SUCCESS 200/200 (100%) succeeded 200 failed 0')
    expect(run.stdout).toContain('200 requests: 200 succeeded, 0 failed, 0 missing')
    expect(run.stdout).toContain('Results: 200 lines in demo-results.jsonl')
    expect(run.stdout).toContain('A few answers')
    expect(run.stdout).toContain('  > Explain in two sentences reactive streams. (request 0)')
    const results = readJsonl(join(scratch.dir, 'demo-results.jsonl'))
    expect(new Set(results.map((line) => line.custom_id)).size).toBe(200)
    expect(run.code).toBe(0)
  }, 60_000)
})
