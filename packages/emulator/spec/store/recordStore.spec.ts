// A damaged data folder: every bad record is quarantined with a warning naming it, the rest is served.
import { randomUUID } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startEmulator } from '../../src/index'
import {
  call,
  chatJsonl,
  isTerminal,
  upload,
  waitForJob,
  type Job,
} from '../support/emulatorClient'
import { expectSchema } from '../support/openApiSchemas'

type Json = Record<string, unknown>

/** A damage done to a data folder: which store, what the record holds, what the warning says. */
interface Damage {
  store: 'jobs' | 'files'
  /** The record's text, made from a good record of that store and the id of its file. */
  text: (good: Json, id: string) => string
  /** Files beside the record that belong to it (and must follow it into quarantine). */
  companions?: string[]
  /** What the warning says is wrong (`<id>` stands for the record's id). */
  problem: string
}

const DAMAGES: ReadonlyArray<[string, Damage]> = [
  ['an empty job record', { store: 'jobs', text: () => '', problem: 'the file is empty' }],
  [
    'a truncated job record (with its inline requests beside it)',
    {
      store: 'jobs',
      text: (good, id) => JSON.stringify({ ...good, id }).slice(0, 40),
      companions: ['requests.jsonl'],
      problem: 'the file is not valid JSON (',
    },
  ],
  [
    'a job record of null',
    { store: 'jobs', text: () => 'null', problem: 'the record is null, expected JobRecord' },
  ],
  [
    'a job record of {}',
    { store: 'jobs', text: () => '{}', problem: 'id is missing, expected uuid' },
  ],
  [
    'a RUNNING job without progress',
    {
      store: 'jobs',
      text: ({ progress: _progress, ...good }, id) =>
        JSON.stringify({ ...good, id, status: 'RUNNING' }),
      problem: 'progress is missing, expected JobProgress',
    },
  ],
  [
    'a job of an unknown status',
    {
      store: 'jobs',
      text: (good, id) => JSON.stringify({ ...good, id, status: 'DONE' }),
      problem: 'status is "DONE", expected BatchJobStatus',
    },
  ],
  [
    'a job whose counters do not add up',
    {
      store: 'jobs',
      text: (good, id) => JSON.stringify({ ...good, id, succeeded_requests: 7 }),
      problem: 'succeeded_requests + failed_requests is 7, expected completed_requests (1)',
    },
  ],
  [
    'a job record under another id',
    {
      store: 'jobs',
      text: (good) => JSON.stringify(good),
      problem: "the record's id is",
    },
  ],
  [
    'a file record of {}',
    {
      store: 'files',
      text: () => '{}',
      companions: ['data'],
      problem: 'id is missing, expected uuid',
    },
  ],
  [
    'a file record without its bytes',
    {
      store: 'files',
      text: (good, id) => JSON.stringify({ ...good, id }),
      problem: 'its bytes (<id>.data) are missing',
    },
  ],
  [
    'a file record with a NUL in its name',
    {
      store: 'files',
      text: (good, id) => JSON.stringify({ ...good, id, filename: 'a\u0000b.jsonl' }),
      companions: ['data'],
      problem: 'filename is "a\\u0000b.jsonl", expected file name without control characters',
    },
  ],
]

describe('emulator start on a damaged data folder', () => {
  let dataDir: string
  let goodJob: Job
  let goodFile: { id: string }
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'emulator-damaged-'))
    const first = await startEmulator({ dataDir, rate: Infinity, queueDelayMs: 0 })
    try {
      goodFile = (await upload(first.url, chatJsonl(1))).body as { id: string }
      const { body } = await call(first.url, 'POST', '/v1/batch/jobs', {
        endpoint: '/v1/embeddings',
        requests: [{ custom_id: 'e', body: { input: 'hello' } }],
      })
      goodJob = await waitForJob(first.url, (body as Job).id, isTerminal)
    } finally {
      await first.close()
    }
  })
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }))

  const readRecord = async (store: string, id: string): Promise<Json> =>
    JSON.parse(await fs.readFile(path.join(dataDir, store, `${id}.json`), 'utf8')) as Json

  it.each(DAMAGES)(
    'quarantines %s with a warning naming it, and serves the rest',
    async (_, damage) => {
      const id = randomUUID()
      const good = await readRecord(
        damage.store,
        damage.store === 'jobs' ? goodJob.id : goodFile.id,
      )
      const record = path.join(dataDir, damage.store, `${id}.json`)
      await fs.writeFile(record, damage.text(good, id))
      const companions = (damage.companions ?? []).map((suffix) => `${id}.${suffix}`)
      for (const name of companions) {
        await fs.writeFile(path.join(dataDir, damage.store, name), 'companion')
      }

      const warnings: string[] = []
      const emulator = await startEmulator({ dataDir, onWarning: (m) => warnings.push(m) })
      try {
        const quarantined = path.join(dataDir, 'quarantine', damage.store)
        expect(warnings).toEqual([
          expect.stringContaining(
            `damaged record ${record}: ${damage.problem.replace('<id>', id)}`,
          ),
        ])
        expect(warnings[0]).toContain(`moved to ${quarantined}`)
        expect((await fs.readdir(quarantined)).sort()).toEqual([`${id}.json`, ...companions].sort())
        expect(await fs.readFile(path.join(quarantined, `${id}.json`), 'utf8')).toBe(
          damage.text(good, id),
        )

        const route = damage.store === 'jobs' ? '/v1/batch/jobs' : '/v1/files'
        expect((await call(emulator.url, 'GET', `${route}/${id}`)).status).toBe(404)
        if (damage.store === 'jobs') {
          expect((await call(emulator.url, 'POST', `${route}/${id}/cancel`)).status).toBe(404)
        }
        const jobs = await call(emulator.url, 'GET', '/v1/batch/jobs')
        expectSchema('ListBatchJobsResponse', jobs.body)
        expect(jobs.body).toMatchObject({ total: 1, data: [{ id: goodJob.id }] })
        const files = await call(emulator.url, 'GET', '/v1/files')
        expectSchema('ListFilesResponse', files.body)
        expect((files.body as { data: Json[] }).data.map((file) => file.id).sort()).toEqual(
          [goodFile.id, goodJob.output_file].sort(),
        )
      } finally {
        await emulator.close()
      }
    },
  )

  it('quarantines several bad records in one start, one warning each', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()]
    await fs.writeFile(path.join(dataDir, 'jobs', `${ids[0]}.json`), '')
    await fs.writeFile(path.join(dataDir, 'jobs', `${ids[1]}.json`), 'null')
    await fs.writeFile(path.join(dataDir, 'files', `${ids[2]}.json`), '{}')
    const warnings: string[] = []
    const emulator = await startEmulator({ dataDir, onWarning: (m) => warnings.push(m) })
    try {
      expect(warnings).toHaveLength(3)
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`${ids[0]}.json: the file is empty`),
          expect.stringContaining(`${ids[1]}.json: the record is null`),
          expect.stringContaining(`${ids[2]}.json: id is missing`),
        ]),
      )
      expect(emulator.stats()).toMatchObject({ jobs: { total: 1 }, files: 2 })
    } finally {
      await emulator.close()
    }
  })
})
