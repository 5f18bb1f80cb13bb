// The queue across processes, in chaos (issue 14): an emulator with faults in its own process,
// three workers, two producers and a consumer, each a process of its own on one real Postgres,
// a worker or the consumer killed with SIGKILL every few seconds and started again. In the end
// every request has exactly one acknowledged final result, every attempt was sent once, and no
// request was in two live jobs at once.
// `npm test` runs 2,000 requests; `npm run soak` runs 20,000 (CHAOS_REQUESTS). CHAOS_SEED
// replays a run's draws (the kill times and targets, the faults, the producers' calls).
import type { FaultSpec, InjectedFault, LoggedRequest } from '@mistral-batch-rx/emulator'
import { createClient } from 'mistral-batch-rx'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { mulberry32 } from '../../emulator/src/prng.js'
import { createBatchQueue, type BatchQueue } from '../src/index.js'
import { buildChildren, type BuiltChildren } from './support/builtChildren.js'
import { killChildren, spawnChild, type Child } from './support/childProcess.js'
import type { EmulatorProcessLine } from './support/children/emulatorProcess.js'
import type { QueueProcessConfig, QueueProcessLine } from './support/children/queueProcess.js'
import { liveOverlaps, readEmulatorJobs } from './support/emulatorJobs.js'
import { startKillSchedule } from './support/killSchedule.js'
import { startTestPostgres, type TestPostgres } from './support/postgres.js'
import { withClient } from './support/withClient.js'

const REQUESTS = Number(process.env.CHAOS_REQUESTS ?? 2_000)
const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31))
const NAME = 'chaos'
const WORKERS = 3
const PRODUCERS = 2
// jobs of first attempts: 20 of 100 requests for 2,000, 40 of 500 for 20,000; each runs ~4 s
const BATCH = Math.max(100, Math.ceil(REQUESTS / 40))
const RATE = Math.ceil(BATCH / 4)
// the producers' calls are spread over the first part of the run: jobs are made all along
const PRODUCE_MS = REQUESTS * 5
const KILL_EVERY_MS = [1_500, 4_000] as const
// the consumer's own work on each result: busy for most of the run, it dies holding results
const HANDLE_MS = 3
const DEADLINE_MS = 60_000 + REQUESTS * 20

// Issue 14's faults, from the run's seed. The queue's jobs are inline (up to 10,000 requests),
// so their results come in `GET /v1/batch/jobs/:id?inline=true`: that route's answers are cut,
// as a result file's download would be.
const FAULTS: FaultSpec = {
  seed: SEED,
  rules: [
    { route: 'POST /v1/batch/jobs', kind: 'reset-after-processing', rate: 0.1 },
    { route: 'POST /v1/batch/jobs', kind: '429', rate: 0.1, retryAfterSeconds: 1 },
    { route: 'POST /v1/batch/jobs', kind: '503', rate: 0.05 },
    { route: 'GET /v1/batch/jobs/:job_id', kind: '429', rate: 0.1, retryAfterSeconds: 1 },
    { route: 'GET /v1/batch/jobs/:job_id', kind: '500', rate: 0.03 },
    { route: 'GET /v1/batch/jobs/:job_id', kind: '502', rate: 0.02 },
    { route: 'GET /v1/batch/jobs/:job_id', kind: 'truncate', rate: 0.05, cutAtFraction: 0.4 },
    { route: 'GET /v1/batch/jobs/:job_id', kind: 'reset-mid-body', rate: 0.05 },
  ],
}

const CLIENT: QueueProcessConfig['client'] = {
  timeoutMs: 10_000,
  // Retry-After (1 s) is honoured but capped, so that the run takes seconds
  retry: { maxRetries: 8, initialDelayMs: 5, maxDelayMs: 100, maxRetryAfterMs: 100 },
}

const queueOptions = (postgres: string, workerId: string): QueueProcessConfig['queue'] => ({
  name: NAME,
  job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
  store: { postgres },
  maxBatchSize: BATCH,
  maxWaitMs: 300,
  maxAttempts: 3,
  leaseMs: 2_000,
  watch: { intervalMs: 200 },
  ackTimeoutMs: 2_000,
  pollMs: 100,
  // what a consumer holds is handled well within ackTimeoutMs (100 x 3 ms): a result handed out
  // again was lost with a killed consumer
  maxUnacked: 100,
  workerId,
})

/** The producers' calls: disjoint ranges of ids, in calls of about 500 (400 to 600). */
const producerCalls = (draw: () => number) => {
  const perProducer = Math.ceil(REQUESTS / PRODUCERS)
  return Array.from({ length: PRODUCERS }, (_, p) => {
    const calls: Array<{ from: number; count: number }> = []
    const end = Math.min(REQUESTS, (p + 1) * perProducer)
    for (let from = p * perProducer; from < end;) {
      const count = Math.min(end - from, 400 + Math.floor(draw() * 201))
      calls.push({ from, count })
      from += count
    }
    return calls
  })
}

/** Resolves once `check()` holds, polled every 250 ms; rejects after `ms`. */
const until = async (check: () => Promise<boolean>, ms: number, what: string): Promise<void> => {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not ${what} within ${ms} ms`)
    await delay(250)
  }
}

/** The emulator's jobs of the queue, from its list route, every page. */
const listedJobs = async (url: string) => {
  type Listed = {
    id: string
    total_requests: number
    metadata: Record<string, string> | null
  }
  const jobs: Listed[] = []
  for (let page = 0; ; page++) {
    const reply = await fetch(`${url}/v1/batch/jobs?page_size=100&page=${page}`, {
      headers: { authorization: 'Bearer k' },
    })
    const { data } = (await reply.json()) as { data: Listed[] }
    jobs.push(...data.filter((job) => job.metadata?.mistral_batch_queue === NAME))
    if (data.length < 100) return jobs
  }
}

const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T

/** How many times each key occurs. */
const countBy = (keys: ReadonlyArray<string>): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

/** What the queue's tables say of the run. */
const databaseRows = (postgres: string) =>
  withClient(postgres, async (client) => {
    const rows = async <R>(sql: string) => (await client.query(sql, [NAME])).rows as R[]
    const [results] = await rows<{ stored: number; acked: number }>(
      `SELECT count(*)::int AS stored, count(acked_at)::int AS acked
       FROM mistral_batch_queue.results WHERE queue = $1`,
    )
    return {
      results,
      attempts: await rows<{ id: string; attempts: number }>(
        'SELECT id, attempts FROM mistral_batch_queue.requests WHERE queue = $1',
      ),
      jobs: await rows<{ idempotency_key: string; batch_id: string | null; state: string }>(
        'SELECT idempotency_key, batch_id, state FROM mistral_batch_queue.jobs WHERE queue = $1',
      ),
    }
  })

/** The figures block, a label and its text a line. */
const figures = (title: string, rows: Record<string, string>): string =>
  [title, ...Object.entries(rows).map(([label, text]) => `  ${label.padEnd(13)} ${text}`)].join(
    '\n',
  )

describe(`the queue across processes, in chaos: ${REQUESTS} requests`, () => {
  let server: TestPostgres
  let children: BuiltChildren
  let emulatorDir: string

  beforeAll(async () => {
    ;[server, children, emulatorDir] = await Promise.all([
      startTestPostgres(),
      buildChildren(),
      mkdtemp(join(tmpdir(), 'queue-chaos-emulator-')),
    ])
  }, 60_000)
  afterAll(async () => {
    await killChildren()
    await server?.stop()
    children?.remove()
    if (emulatorDir !== undefined) await rm(emulatorDir, { recursive: true, force: true })
  })

  it(
    'gives every request one acknowledged final result, each attempt sent once, never in two live jobs',
    async () => {
      console.log(`queue chaos: seed ${SEED} (CHAOS_SEED=${SEED} replays its draws)`)
      const draw = mulberry32(SEED)
      const postgres = await server.createDatabase()
      const emulatorOptions = {
        dataDir: emulatorDir,
        rate: RATE,
        queueDelayMs: 100,
        seed: SEED,
        failedLines: { rate: 0.1, status: 503 },
        faults: FAULTS,
      }
      const emulator = spawnChild<EmulatorProcessLine>(
        'emulator',
        children.scripts.emulatorProcess,
        [JSON.stringify(emulatorOptions)],
      )
      const { url } = await emulator.waitFor((l) => l.type === 'listening', 20_000, 'URL')
      // this process's queue: the schema made before the children start, and the stats read
      const queue: BatchQueue = await createBatchQueue({
        client: createClient({ apiKey: 'k', baseUrl: url }),
        ...queueOptions(postgres, 'spec'),
      })

      // every queue process, each failing the run if it exits without being told to
      const spawned: Array<Child<QueueProcessLine>> = []
      let crash: (error: Error) => void = () => undefined
      const crashed = new Promise<never>((_, reject) => (crash = reject))
      crashed.catch(() => undefined)
      const spawnQueue = (name: string, config: Omit<QueueProcessConfig, 'client' | 'queue'>) => {
        const child = spawnChild<QueueProcessLine>(name, children.scripts.queueProcess, [
          JSON.stringify({
            client: { ...CLIENT, baseUrl: url },
            queue: queueOptions(postgres, name),
            ...config,
          }),
        ])
        spawned.push(child)
        void child.exited.then((exit) => {
          if (child.signalled() || exit.code === 0) return
          crash(new Error(`${name} exited (${JSON.stringify(exit)}):\n${child.stderr()}`))
        })
        return child
      }
      /** A role played by one process at a time: after a kill, a fresh one under a new id. */
      const role = (name: string, config: Omit<QueueProcessConfig, 'client' | 'queue'>) => {
        let generation = 1
        let current = spawnQueue(`${name}.${generation}`, config)
        return {
          name,
          current: () => current,
          kill: () => current.kill(),
          restart: () => {
            current = spawnQueue(`${name}.${++generation}`, config)
          },
        }
      }

      const started = Date.now()
      const workers = Array.from({ length: WORKERS }, (_, i) =>
        role(`worker-${i + 1}`, { work: true }),
      )
      const consumer = role('consumer', { consume: { handleMs: HANDLE_MS } })
      const calls = producerCalls(draw)
      const producers = calls.map((producerCalls, p) =>
        spawnQueue(`producer-${p + 1}`, {
          produce: { calls: producerCalls, everyMs: PRODUCE_MS / producerCalls.length },
        }),
      )
      // every fourth kill is the consumer's, the others a worker's drawn at random
      const schedule = startKillSchedule(draw, KILL_EVERY_MS, (kill) =>
        kill % 4 === 3 ? consumer : (workers[Math.floor(draw() * WORKERS)] ?? consumer),
      )
      try {
        // Polled: the last acknowledgement is a row committed in Postgres, which sends no event.
        await Promise.race([
          crashed,
          until(
            async () => (await queue.stats()).delivered === REQUESTS,
            DEADLINE_MS,
            'all acknowledged',
          ),
        ])
      } finally {
        await schedule.stop()
      }
      const seconds = (Date.now() - started) / 1000
      await Promise.all([consumer, ...workers].map((r) => r.current().stop()))
      await Promise.all(producers.map((producer) => producer.exited))

      // the evidence: the emulator's, then the database's
      const log = (await getJson<{ data: LoggedRequest[] }>(`${url}/_emulator/requests`)).data
      const injected = (await getJson<{ injected: InjectedFault[] }>(`${url}/_emulator/faults`))
        .injected
      const listed = await listedJobs(url)
      await emulator.stop()
      const stored = await readEmulatorJobs(emulatorDir)
      const stats = await queue.stats()
      await queue.close()
      const db = await databaseRows(postgres)
      const lines = spawned.flatMap((child) => child.lines)
      const handled = lines.flatMap((line) => (line.type === 'handled' ? [line.id] : []))
      const created = lines.flatMap((line) => (line.type === 'created' ? [line] : []))
      const sent = listed.reduce((sum, job) => sum + job.total_requests, 0)
      const workerKills = workers.reduce((sum, w) => sum + (schedule.kills.get(w.name) ?? 0), 0)
      const consumerKills = schedule.kills.get(consumer.name) ?? 0
      const adopted = created.filter((event) => event.adopted).length
      const faults = countBy(injected.map((fault) => `${fault.kind} on ${fault.method}`))
      console.log(
        figures(`queue chaos, seed ${SEED}:`, {
          requests: `${REQUESTS} (${PRODUCERS} producers, ${calls.flat().length} enqueue calls)`,
          duration: `${seconds.toFixed(1)} s`,
          kills:
            `${workerKills + consumerKills}: ${workerKills} of a worker, ${consumerKills} of ` +
            `the consumer (SIGKILL every ${KILL_EVERY_MS.map((ms) => ms / 1000).join('-')} s)`,
          jobs:
            `${listed.length} on the emulator, of up to ${BATCH} requests; ` +
            `${created.length} created events said (${adopted} adopted)`,
          sent: `${sent} requests in jobs = ${REQUESTS} + ${stats.retries} retries`,
          redeliveries:
            `${stats.redeliveries} (${handled.length} results handled ` +
            `for ${new Set(handled).size} ids)`,
          failed: `${stats.failed} final results are failures (503 lines, 3 attempts)`,
          faults: `${injected.length}: ${[...faults].map(([f, n]) => `${f} ${n}`).join(', ')}`,
          'step retries': `${lines.filter((l) => l.type === 'retrying').length} worker steps failed and were tried again`,
          HTTP: `${log.length} requests`,
        }),
      )

      // every request has exactly one final result, acknowledged, and the consumers handled each
      expect(db.results).toEqual({ stored: REQUESTS, acked: REQUESTS })
      expect(stats).toMatchObject({ pending: 0, inJob: 0, done: REQUESTS, delivered: REQUESTS })
      expect(new Set(handled).size).toBe(REQUESTS)
      // a result handled twice was handed out twice: a consumer died before acknowledging it
      expect(handled.length - REQUESTS).toBeLessThanOrEqual(stats.redeliveries)
      // every attempt sent once: the jobs hold the requests plus the retries...
      expect(sent).toBe(REQUESTS + stats.retries)
      // ...each request in as many jobs as it had attempts
      const inJobs = countBy(stored.flatMap((job) => job.customIds))
      expect(db.attempts.filter((row) => inJobs.get(row.id) !== row.attempts)).toEqual([])
      // one job per idempotency key, the one the database recorded, and every job collected
      const keyOf = (job: { metadata: Record<string, string> | null }) =>
        job.metadata?.idempotency_key
      expect(listed.map((job) => `${keyOf(job)} ${job.id}`).sort()).toEqual(
        db.jobs.map((job) => `${job.idempotency_key} ${job.batch_id}`).sort(),
      )
      expect(db.jobs.filter((job) => job.state !== 'collected')).toEqual([])
      expect(stored.map((job) => job.id).sort()).toEqual(listed.map((job) => job.id).sort())
      // every job a worker said it created is one of them
      expect(created.filter((e) => !listed.some((job) => job.id === e.batchId))).toEqual([])
      // no request in two live jobs at once (the request log is whole: it keeps 200,000)
      expect(log.length).toBeLessThan(200_000)
      expect(liveOverlaps(stored, log)).toEqual([])
      // the chaos did strike (the first kill is a worker's, a pause of 4 s at most away)
      expect(workerKills).toBeGreaterThan(0)
      expect(stats.retries).toBeGreaterThan(0)
    },
    DEADLINE_MS + 60_000,
  )
})
