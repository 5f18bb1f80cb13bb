// What Ctrl-C during a run does on a terminal: the question, its answers, and the resume hint.
import { PassThrough } from 'node:stream'
import { NEVER } from 'rxjs'
import { createCommandContext } from '../../src/CommandContext.js'
import type { CliIo } from '../../src/CliIo.js'
import { connect } from '../../src/connection.js'
import { handleRunInterrupt } from '../../src/run/handleRunInterrupt.js'
import type { RunningEmulator } from '../../../emulator/src/index.js'
import { call, type Job } from '../../../emulator/spec/support/emulatorClient.js'
import { CapturedOutput } from '../support/captureOutput.js'
import { createInlineJob, startTestEmulator, waitForJob } from '../support/cliFixture.js'

/** A context on a pretend terminal whose user types `answer` when asked. */
const terminalContext = (baseUrl: string, answer: string | undefined) => {
  const stdin = Object.assign(new PassThrough(), { isTTY: true })
  const stderr = new CapturedOutput(true)
  const io: CliIo = {
    stdout: new CapturedOutput(true),
    stderr,
    stdin,
    env: { MISTRAL_BASE_URL: baseUrl },
    cwd: process.cwd(),
    interrupts: NEVER,
  }
  const ctx = createCommandContext(io)
  if (answer !== undefined) void stderr.waitFor('[y/N]').then(() => stdin.write(`${answer}\n`))
  return { ctx, client: connect({}, io), stderr, stdin }
}

describe('handleRunInterrupt', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startTestEmulator({ queueDelayMs: 3_600_000 })
  })
  afterAll(() => emulator.close())

  const statusOf = async (jobId: string) =>
    ((await call(emulator.url, 'GET', `/v1/batch/jobs/${jobId}`)).body as Job).status

  it.each([
    ['y', true],
    ['yes', true],
    ['n', false],
    ['', false],
  ])(
    'on a terminal asks whether to cancel; answering %j cancels (and offers no resume): %s',
    async (answer, cancels) => {
      const job = await createInlineJob(emulator.url, 2)
      const { ctx, client, stderr } = terminalContext(emulator.url, answer)
      const exit = await handleRunInterrupt(ctx, client, [job.id], {
        cancelOnExit: false,
        resumeArgs: ['--out', 'my results.jsonl'],
      })
      expect(exit).toBe(130)
      expect(stderr.text).toContain(`Cancel job ${job.id} on the server? [y/N] `)
      expect(stderr.text).toContain(
        cancels ? `Cancelled job ${job.id}` : `Left job ${job.id} running on the server.`,
      )
      // a cancelled job is not resumed: the hint is only for one left running
      const resume = `Resume with: mistral-batch resume ${job.id} --out 'my results.jsonl'\n`
      if (cancels) expect(stderr.text).not.toContain('Resume with')
      else expect(stderr.text).toContain(resume)
      expect(await statusOf(job.id)).toMatch(cancels ? /^CANCEL/ : /^QUEUED$/)
    },
  )

  it('a second Ctrl-C at the question means no', async () => {
    const job = await createInlineJob(emulator.url, 2)
    const { ctx, client, stderr, stdin } = terminalContext(emulator.url, undefined)
    const exit = handleRunInterrupt(ctx, client, [job.id], { cancelOnExit: false, resumeArgs: [] })
    await stderr.waitFor('[y/N]')
    stdin.write('\u0003')
    await expect(exit).resolves.toBe(130)
    expect(stderr.text).toContain(`Left job ${job.id} running on the server.`)
    expect(await statusOf(job.id)).toBe('QUEUED')
  })

  it('does not cancel a job that had already finished, and offers to resume it for its results', async () => {
    const fast = await startTestEmulator()
    try {
      const created = await createInlineJob(fast.url, 2)
      await waitForJob(fast.url, created.id, (j) => j.status === 'SUCCESS')
      const { ctx, client, stderr } = terminalContext(fast.url, undefined)
      const exit = await handleRunInterrupt(ctx, client, [created.id], {
        cancelOnExit: true,
        resumeArgs: [],
      })
      expect(exit).toBe(130)
      expect(stderr.text).toBe(
        'Interrupted.\n' +
          `Not cancelled: job ${created.id} had already finished (SUCCESS).\n` +
          `Resume with: mistral-batch resume ${created.id}\n`,
      )
    } finally {
      await fast.close()
    }
  })

  it('asks nothing and says so when no job was created yet', async () => {
    const { ctx, client, stderr } = terminalContext(emulator.url, undefined)
    await expect(
      handleRunInterrupt(ctx, client, [], { cancelOnExit: false, resumeArgs: [] }),
    ).resolves.toBe(130)
    expect(stderr.text).toBe('Interrupted.\nNo job was created: nothing is running.\n')
  })
})
