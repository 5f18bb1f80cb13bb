// Tokens and estimated cost at the end of `run`, `resume` and `results`, as child processes.
import { join } from 'node:path'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { formatCost } from '../../src/render/usageSummary'
import { ensureBuiltCli, runCli } from '../support/builtCli'
import {
  chatJsonl,
  emulatorEnv,
  readJsonl,
  scratchDir,
  startTestEmulator,
  writeFile,
} from '../support/cliFixture'

const MODEL = 'mistral-small-latest'
const ENDPOINT = ['--endpoint', '/v1/chat/completions', '--model', MODEL]

type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }

/** The usage of the lines of a results file, summed here from the wire's fields. */
const usageOfFile = (path: string) => {
  const usages = readJsonl(path).map(
    (line) => (line as { response: { body: { usage: Usage } } }).response.body.usage,
  )
  const sum = (field: keyof Usage) => usages.reduce((total, usage) => total + usage[field], 0)
  return {
    requests: usages.length,
    prompt: sum('prompt_tokens'),
    completion: sum('completion_tokens'),
    total: sum('total_tokens'),
  }
}

const usageLine = ({ requests, prompt, completion, total }: ReturnType<typeof usageOfFile>) =>
  `Usage: ${prompt.toLocaleString('en-US')} prompt + ${completion.toLocaleString('en-US')} ` +
  `completion = ${total.toLocaleString('en-US')} tokens (${requests} requests)`

describe('tokens and cost in the CLI', () => {
  let emulator: RunningEmulator
  let scratch: ReturnType<typeof scratchDir>
  const env = () => emulatorEnv(emulator)

  beforeAll(async () => {
    ensureBuiltCli()
    emulator = await startTestEmulator()
    scratch = scratchDir()
  }, 120_000)

  afterAll(async () => {
    await emulator.close()
    scratch.remove()
  })

  it('run prints the tokens and their cost at the batch rate; resume and results the same', async () => {
    const input = writeFile(scratch.dir, 'priced.jsonl', chatJsonl(25))
    const run = await runCli(
      ['run', input, ...ENDPOINT, '--interval', '0.2', '--price', `${MODEL}=0.2/0.6`],
      { env: env() },
    )
    expect(run.code).toBe(0)
    const usage = usageOfFile(join(scratch.dir, 'priced.results.jsonl'))
    expect(usage.requests).toBe(25)
    const cost = formatCost(((usage.prompt * 0.2 + usage.completion * 0.6) / 1e6) * 0.5)
    const costLine = `Estimated cost: ${cost} at the batch rate (50% off the prices given, in their unit)`
    expect(run.stdout).toContain(`${usageLine(usage)}\n${costLine}\n`)
    const jobId = /Created job ([0-9a-f-]{36})/.exec(run.stderr)?.[1]
    if (jobId === undefined) throw new Error(`no job id in ${run.stderr}`)

    const prices = writeFile(
      scratch.dir,
      'prices.json',
      JSON.stringify({ [MODEL]: { inputPerMTok: 0.2, outputPerMTok: 0.6 } }),
    )
    const out = join(scratch.dir, 'resumed.jsonl')
    const resumed = await runCli(['resume', jobId, '--out', out, '--prices', prices], {
      env: env(),
    })
    expect(resumed.stdout).toContain(`${usageLine(usage)}\n${costLine}\n`)

    const results = await runCli(['results', jobId, '--price', 'mistral-large-latest=2/6'], {
      env: env(),
    })
    expect(results.stderr).toBe(
      'Wrote 25 result lines to stdout\n' +
        `${usageLine(usage)}\n` +
        'Estimated cost: 0 at the batch rate (50% off the prices given, in their unit)\n' +
        `Not priced (no cost counted): ${MODEL}\n`,
    )
  })

  it('prints tokens only without prices, and refuses a price that is not one (exit 2)', async () => {
    const input = writeFile(scratch.dir, 'unpriced.jsonl', chatJsonl(5))
    const run = await runCli(['run', input, ...ENDPOINT, '--interval', '0.2'], { env: env() })
    const usage = usageOfFile(join(scratch.dir, 'unpriced.results.jsonl'))
    expect(run.stdout).toContain(`${usageLine(usage)}\n`)
    expect(run.stdout).not.toContain('Estimated cost')
    emulator.clearRequests()
    const bad = await runCli(['run', input, ...ENDPOINT, '--price', `${MODEL}=cheap/1`], {
      env: env(),
    })
    expect(bad.stderr).toContain(`the prices of "${MODEL}=cheap/1" must be numbers >= 0`)
    expect(bad.code).toBe(2)
    const prices = writeFile(
      scratch.dir,
      'bad-prices.json',
      JSON.stringify({ [MODEL]: { inputPerMTok: 1 } }),
    )
    const refused = await runCli(['run', input, ...ENDPOINT, '--prices', prices], { env: env() })
    expect(refused.stderr).toContain(
      `\nerror: runBatch$: price.${MODEL}.outputPerMTok must be a number >= 0, got undefined\n`,
    )
    expect(refused.code).toBe(2)
    expect(emulator.requests).toEqual([])
  })
})
