// `mistral-batch queue ...` in-process against the emulator, on PGlite in a scratch data dir and
// on a real Postgres: enqueue a file, run a worker, read the results, count; what is refused.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { createBatchQueue } from '@mistral-batch-rx/queue'
import { createClient } from 'mistral-batch-rx'
import { firstValueFrom } from 'rxjs'
import { startTestPostgres, type TestPostgres } from '../../../queue/spec/support/postgres'
import { ensureBuiltCli, killStrayCli, runCli } from '../support/builtCli'
import { emulatorEnv, scratchDir, startTestEmulator, writeFile } from '../support/cliFixture'
import { runInProcess, startInProcess } from '../support/inProcessCli'

const JOB = ['--endpoint', '/v1/chat/completions', '--model', 'mistral-small-latest']
/** A worker quick enough for the specs: a job at once, its polls every 0.1 s. */
const QUICK = ['--max-wait', '0', '--interval', '0.1']

/** `count` requests, ids q<from>..., one a line: `id` on even lines, `custom_id` on odd ones. */
const requestLines = (count: number, from = 0): string =>
  Array.from({ length: count }, (_, i) => {
    const id = `q${from + i}`
    const body = { messages: [{ role: 'user', content: `question ${from + i}` }] }
    return JSON.stringify(i % 2 === 0 ? { id, body } : { custom_id: id, body })
  }).join('\n') + '\n'

/** Resolves once `done()` holds, looking every 50 ms. */
const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 50))
}

/** The JSONL lines of `stdout`, parsed. */
const linesOf = (stdout: string): Array<Record<string, unknown>> =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe('mistral-batch queue on PGlite', () => {
  let emulator: RunningEmulator
  let scratch: ReturnType<typeof scratchDir>
  let dataDir: string
  const queue = (args: string[], stdin?: string) =>
    runInProcess(['queue', ...args, '--data-dir', dataDir], {
      env: emulatorEnv(emulator),
      cwd: scratch.dir,
      ...(stdin === undefined ? {} : { stdin }),
    })

  beforeAll(async () => {
    emulator = await startTestEmulator({ rate: Infinity })
    scratch = scratchDir()
    dataDir = join(scratch.dir, 'queue-data')
  })

  afterAll(async () => {
    await emulator.close()
    scratch.remove()
  })

  it('enqueues a file, runs it to the end, and hands every result out once, with the counts', async () => {
    const input = writeFile(scratch.dir, 'requests.jsonl', `${requestLines(1_500)}\n`)
    await expect(queue(['enqueue', input])).resolves.toEqual({
      code: 0,
      stdout: 'added 1500, duplicates 0\n',
      stderr: '',
    })
    const again = await queue(['enqueue'], requestLines(1_500))
    expect(again).toMatchObject({ code: 0, stdout: 'added 0, duplicates 1500\n' })

    const worker = await queue([
      'run',
      ...JOB,
      ...QUICK,
      '--max-batch-size',
      '1000',
      '--until-done',
    ])
    expect(worker.code).toBe(0)
    const events = worker.stdout.trim().split('\n')
    expect(events.filter((line) => line.startsWith('Created job'))).toEqual([
      expect.stringMatching(/^Created job [0-9a-f-]{36}: 1000 requests$/),
      expect.stringMatching(/^Created job [0-9a-f-]{36}: 500 requests$/),
    ])
    const collected = events.filter((line) => line.startsWith('Collected job'))
    expect(
      collected.map((line) => line.replace(/^Collected job [0-9a-f-]{36} /, '')).sort(),
    ).toEqual([
      'SUCCESS: 1000 results stored, 0 queued again',
      'SUCCESS: 500 results stored, 0 queued again',
    ])
    expect(worker.stderr).toContain('Done: no request is pending or in a job.')

    const first = await queue(['results', '--limit', '10'])
    expect(first).toMatchObject({ code: 0, stderr: '10 results written and acknowledged\n' })
    const rest = await queue(['results'])
    expect(rest).toMatchObject({ code: 0, stderr: '1490 results written and acknowledged\n' })
    const results = [...linesOf(first.stdout), ...linesOf(rest.stdout)]
    expect(results.map((r) => r.id).sort()).toEqual(
      Array.from({ length: 1_500 }, (_, i) => `q${i}`).sort(),
    )
    for (const result of results) {
      expect(result).toEqual({
        id: result.id,
        failed: false,
        attempt: 1,
        deliveries: 1,
        jobStatus: 'SUCCESS',
        result: expect.objectContaining({ custom_id: result.id, error: null }),
      })
    }
    await expect(queue(['results'])).resolves.toEqual({
      code: 0,
      stdout: '',
      stderr: '0 results written and acknowledged\n',
    })

    const stats = await queue(['stats', '--json'])
    expect(JSON.parse(stats.stdout)).toEqual({
      pending: 0,
      inJob: 0,
      done: 1500,
      delivered: 1500,
      failed: 0,
      cancelled: 0,
      redeliveries: 0,
      retries: 0,
      jobs: { open: 0, ended: 2 },
    })
    await expect(queue(['stats'])).resolves.toEqual({
      code: 0,
      stdout: [
        'queue:    default (PGlite in ' + dataDir + ')',
        'requests: 0 pending, 0 in a job, 1500 done, 0 cancelled',
        'results:  1500 of 1500 delivered, 0 failed, 0 handed out again',
        "retries:  0 (attempts beyond each request's first)",
        'jobs:     0 open, 2 ended',
        '',
      ].join('\n'),
      stderr: '',
    })
  }, 120_000)

  it('refuses a file with an invalid line, naming it, and enqueues nothing (exit 2)', async () => {
    const lines = `${requestLines(3)}{"id": "x", "body": "hello"}\n${requestLines(2, 3)}`
    const input = writeFile(scratch.dir, 'invalid.jsonl', lines)
    await expect(queue(['enqueue', input, '--name', 'refusals'])).resolves.toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${input}: line 4: "body" must be an object; nothing was enqueued\n`,
    })
    const stats = await queue(['stats', '--json', '--name', 'refusals'])
    expect(JSON.parse(stats.stdout)).toMatchObject({ pending: 0 })
  })

  it('stdin is enqueued in calls of 1,000: at a bad line, what went before it is stored', async () => {
    const lines = `${requestLines(1_200)}not json\n`
    const run = await queue(['enqueue', '-', '--name', 'chunks'], lines)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /^error: stdin: line 1201: not valid JSON \(.*\); enqueued before line 1001: 1000 requests \(ids already in the queue are skipped: enqueue the fixed input again\)\n$/,
    )
    const stats = await queue(['stats', '--json', '--name', 'chunks'])
    expect(JSON.parse(stats.stdout)).toMatchObject({ pending: 1000 })
    const fixed = await queue(['enqueue', '--name', 'chunks'], requestLines(1_200))
    expect(fixed.stdout).toBe('added 200, duplicates 1000\n')
  })

  it('an id the queue refuses is named by its line', async () => {
    const long = JSON.stringify({ id: 'x'.repeat(513), body: {} })
    const run = await queue(['enqueue', '--name', 'refusals'], `${requestLines(2)}${long}\n`)
    expect(run).toMatchObject({
      code: 2,
      stderr:
        'error: stdin: the id of line 3 must be a string of 1 to 512 characters; nothing was enqueued\n',
    })
  })

  it('runs a worker until Ctrl-C (exit 0); meanwhile the data dir is refused to another command', async () => {
    const worker = startInProcess(['queue', 'run', ...JOB, ...QUICK, '--data-dir', dataDir], {
      env: emulatorEnv(emulator),
    })
    await worker.err.waitFor('Press Ctrl-C to stop.')
    expect(worker.err.text).toMatch(
      /^Worker of queue default \(PGlite in .*\): jobs to \/v1\/chat\/completions with mistral-small-latest\n/,
    )
    const refused = await queue(['stats'])
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `error: createBatchQueue: the data dir ${dataDir} is in use by process ${process.pid}: ` +
        'PGlite takes one process at a time (close the other queue, or use a Postgres server ' +
        `for many; if none runs, remove ${dataDir}.lock); for many processes, give --postgres URL\n`,
    })
    worker.interrupts.next('SIGINT')
    await expect(worker.exit).resolves.toBe(0)
    expect(worker.err.text).toContain('Stopped: the jobs this worker held go to the next worker.')
    await expect(queue(['stats'])).resolves.toMatchObject({ code: 0 })
  })

  it('takes over the lock a killed command left', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(`${dataDir}.lock`, `${gone}\n`)
    await expect(queue(['stats'])).resolves.toMatchObject({ code: 0 })
  })

  it('needs no API key but to run a worker (exit 3 without one)', async () => {
    const noKey = { env: {}, cwd: scratch.dir }
    const stats = await runInProcess(['queue', 'stats', '--data-dir', dataDir], noKey)
    expect(stats.code).toBe(0)
    const worker = await runInProcess(['queue', 'run', ...JOB, '--data-dir', dataDir], noKey)
    expect(worker.code).toBe(3)
    expect(worker.stderr).toMatch(/^error: no API key: set MISTRAL_API_KEY/)
  })

  it('refuses --postgres with --data-dir, a bad name, a bad wait (exit 2)', async () => {
    const both = await queue(['stats', '--postgres', 'postgres://localhost/db'])
    expect(both).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: give --postgres or --data-dir, not both\n',
    })
    const name = await queue(['stats', '--name', 'two words'])
    expect(name.stderr).toMatch(/^error: createBatchQueue: name must be 1 to 100 letters/)
    expect(name.code).toBe(2)
    const wait = await queue(['run', ...JOB, '--max-wait', 'soon'])
    expect(wait.stderr).toBe(
      "error: option '--max-wait <seconds>' argument 'soon' is invalid. must be a number of " +
        'seconds from 0 to 86400.\n',
    )
  })
})

describe('mistral-batch queue on Postgres', () => {
  let emulator: RunningEmulator
  let postgres: TestPostgres
  let url: string

  beforeAll(async () => {
    emulator = await startTestEmulator({ rate: Infinity })
    postgres = await startTestPostgres()
    // trust auth takes any password: one to find masked in what is printed
    url = (await postgres.createDatabase()).replace('postgres@', 'postgres:s3cret-pass@')
  }, 60_000)

  afterAll(async () => {
    await emulator.close()
    await postgres.stop()
  })

  it('a worker and a reader run while requests are enqueued; every id read once', async () => {
    const env = { ...emulatorEnv(emulator), MISTRAL_BATCH_QUEUE_POSTGRES: url }
    const worker = startInProcess(['queue', 'run', ...JOB, ...QUICK, '--max-batch-size', '100'], {
      env,
    })
    const reader = startInProcess(['queue', 'results', '--follow'], { env })
    await worker.err.waitFor('Press Ctrl-C to stop.')
    for (const from of [0, 150, 300]) {
      const enqueued = await runInProcess(['queue', 'enqueue'], {
        env,
        stdin: requestLines(150, from),
      })
      expect(enqueued.stdout).toBe('added 150, duplicates 0\n')
    }
    await until(() => linesOf(reader.out.text).length >= 450)
    reader.interrupts.next('SIGINT')
    worker.interrupts.next('SIGTERM')
    await expect(reader.exit).resolves.toBe(0)
    await expect(worker.exit).resolves.toBe(0)
    const ids = linesOf(reader.out.text).map((r) => r.id)
    expect(new Set(ids).size).toBe(450)
    expect(ids).toHaveLength(450)
    expect(reader.err.text).toBe('450 results written and acknowledged\n')

    const stats = await runInProcess(['queue', 'stats'], { env })
    expect(stats.stdout).toContain('queue:    default (Postgres at postgres://postgres:[redacted]@')
    expect(stats.stdout).toContain('results:  450 of 450 delivered')
    expect(stats.stdout).not.toContain('s3cret-pass')
  }, 120_000)

  it('results waits for a result another reader holds; Ctrl-C then is exit 130', async () => {
    const env = { ...emulatorEnv(emulator), MISTRAL_BATCH_QUEUE_POSTGRES: url }
    await runInProcess(['queue', 'enqueue', '--name', 'held'], { env, stdin: requestLines(1) })
    await runInProcess(['queue', 'run', ...JOB, ...QUICK, '--name', 'held', '--until-done'], {
      env,
    })
    // another reader takes the result and neither acknowledges it nor dies (its lease: 60 s)
    const other = await createBatchQueue({
      client: createClient({ apiKey: 'k', baseUrl: emulator.url }),
      name: 'held',
      job: { endpoint: '/v1/chat/completions' },
      store: { postgres: url },
    })
    const held = await firstValueFrom(other.results$())
    const reader = startInProcess(['queue', 'results', '--name', 'held'], { env })
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(reader.out.text).toBe('')
    reader.interrupts.next('SIGINT')
    await expect(reader.exit).resolves.toBe(130)
    expect(reader.err.text).toBe(
      '0 results written and acknowledged\n' +
        'Interrupted: the results not written stay in the queue.\n',
    )
    await held.ack()
    await other.close()
  })

  it('a Postgres it cannot reach is exit 4, its password never printed', async () => {
    const run = await runInProcess([
      'queue',
      'stats',
      '--postgres',
      'postgres://app:s3cret-pass@127.0.0.1:9/none',
    ])
    expect(run.code).toBe(4)
    expect(run.stderr).toMatch(/^error: createBatchQueue: cannot open the queue's database: /)
    expect(run.stderr).not.toContain('s3cret-pass')
  })
})

describe('mistral-batch queue as a process (the built CLI)', () => {
  let emulator: RunningEmulator
  let scratch: ReturnType<typeof scratchDir>

  beforeAll(async () => {
    ensureBuiltCli()
    emulator = await startTestEmulator({ rate: Infinity })
    scratch = scratchDir()
  }, 120_000)

  afterEach(killStrayCli)

  afterAll(async () => {
    await emulator.close()
    scratch.remove()
  })

  it('enqueues, runs to the end and writes every result through a pipe, once', async () => {
    const cli = (...args: string[]) =>
      runCli(['queue', ...args], { env: emulatorEnv(emulator), cwd: scratch.dir })
    writeFile(scratch.dir, 'requests.jsonl', requestLines(200))
    await expect(cli('enqueue', 'requests.jsonl')).resolves.toMatchObject({
      code: 0,
      stdout: 'added 200, duplicates 0\n',
    })
    const worker = await cli('run', ...JOB, ...QUICK, '--until-done')
    expect(worker).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created job /) })
    const results = await cli('results')
    expect(new Set(linesOf(results.stdout).map((r) => r.id)).size).toBe(200)
    expect(results).toMatchObject({ code: 0, stderr: '200 results written and acknowledged\n' })
    await expect(cli('stats')).resolves.toMatchObject({
      stdout: expect.stringContaining('queue:    default (PGlite in .mistral-batch-queue)'),
    })
  }, 120_000)
})
