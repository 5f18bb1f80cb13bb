// The embedded default across a crash (issue 14): a process with its queue on PGlite in a dataDir
// is killed with SIGKILL while its job runs; a fresh process on the same dataDir takes the job
// over once the dead one's lease has run out and delivers every result. One job in all.
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildChildren, type BuiltChildren } from './support/builtChildren.js'
import { killChildren, spawnChild, type Child } from './support/childProcess.js'
import type { QueueProcessConfig, QueueProcessLine } from './support/children/queueProcess.js'

const REQUESTS = 40
// 10 requests a second: the job runs for four seconds, the kill and the restart fall inside them
const RATE = 10
const NAME = 'restart'

/** The lines of one type said by `child`. */
const said = <T extends QueueProcessLine['type']>(child: Child<QueueProcessLine>, type: T) =>
  child.lines.filter((line): line is Extract<QueueProcessLine, { type: T }> => line.type === type)

describe('the queue on PGlite in a dataDir, across a SIGKILL', () => {
  let children: BuiltChildren
  let emulator: RunningEmulator
  let dataDir: string

  beforeAll(async () => {
    ;[children, emulator, dataDir] = await Promise.all([
      buildChildren(),
      startEmulator({ port: 0, rate: RATE, queueDelayMs: 0 }),
      mkdtemp(join(tmpdir(), 'queue-restart-')),
    ])
  }, 60_000)
  afterAll(async () => {
    await killChildren()
    await emulator?.close()
    children?.remove()
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
  })

  /** A process that enqueues the requests (again: the ids are stored once), works and consumes. */
  const start = (workerId: string) => {
    const config: QueueProcessConfig = {
      client: { baseUrl: emulator.url },
      queue: {
        name: NAME,
        job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
        store: { dataDir },
        maxWaitMs: 0,
        leaseMs: 1_000,
        watch: { intervalMs: 100 },
        pollMs: 50,
        workerId,
      },
      produce: { calls: [{ from: 0, count: REQUESTS }], everyMs: 0 },
      work: true,
      consume: { handleMs: 0 },
    }
    return spawnChild<QueueProcessLine>(workerId, children.scripts.queueProcess, [
      JSON.stringify(config),
    ])
  }

  const jobStatus = async (id: string) => {
    const reply = await fetch(`${emulator.url}/v1/batch/jobs/${id}`, {
      headers: { authorization: 'Bearer k' },
    })
    return ((await reply.json()) as { status: string }).status
  }

  it('takes the running job over after the kill, and delivers every result of that one job', async () => {
    const started = Date.now()
    const first = start('first')
    const created = await first.waitFor((line) => line.type === 'created', 30_000, 'created job')
    if (created.type !== 'created') throw new Error('waitFor returned another line')
    await first.kill()
    const killedAt = Date.now()
    // killed while its job runs, before any result
    await expect(jobStatus(created.batchId)).resolves.toMatch(/^(QUEUED|RUNNING)$/)
    expect(said(first, 'enqueued')).toEqual([
      { type: 'enqueued', from: 0, added: REQUESTS, duplicates: 0 },
    ])
    expect(said(first, 'acked')).toEqual([])

    const second = start('second')
    await second.waitFor(
      (line) => line.type === 'acked' && said(second, 'acked').length === REQUESTS,
      30_000,
      `${REQUESTS} acknowledged results`,
    )
    await second.stop()
    console.log(
      `queue restart: job created ${((killedAt - started) / 1000).toFixed(1)} s after the first ` +
        `start, killed; every result acknowledged by the second process ` +
        `${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
    )

    // the second process stored nothing twice, made no job, and collected the first one's job
    expect(said(second, 'enqueued')).toEqual([
      { type: 'enqueued', from: 0, added: 0, duplicates: REQUESTS },
    ])
    expect(said(second, 'created')).toEqual([])
    expect(said(second, 'collected')).toEqual([
      expect.objectContaining({ batchId: created.batchId, status: 'SUCCESS', stored: REQUESTS }),
    ])
    const acked = said(second, 'acked').map((line) => line.id)
    expect(new Set(acked).size).toBe(REQUESTS)
    const jobs = emulator.stats().jobs
    expect(jobs).toEqual({ total: 1, byStatus: { SUCCESS: 1 } })
  }, 60_000)
})
