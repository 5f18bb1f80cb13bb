// The durable queue's speed: enqueue (calls of 1,000 into Postgres, and into PGlite) and delivery
// through results$ with ack, on a throwaway Postgres cluster. Not part of npm run bench (it needs
// Postgres); run it on its own after `npm run build`:
//   node spec/bench/queue-throughput.mjs [--requests 100000]
import { buildSync } from 'esbuild'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { option, repoRoot } from './support/env.mjs'

const require = createRequire(import.meta.url)
const requests = Number(option('requests', 100_000))

// The specs' throwaway cluster (initdb as the postgres user when root), built for this script.
const helper = path.join(repoRoot, '.tmp', 'bench-postgres.cjs')
buildSync({
  entryPoints: [path.join(repoRoot, 'packages/queue/spec/support/postgres.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  packages: 'external',
  outfile: helper,
  logLevel: 'silent',
})
const { startTestPostgres } = require(helper)
const { createBatchQueue } = require(path.join(repoRoot, 'packages/queue/dist/cjs/index.js'))
const { createClient } = require(path.join(repoRoot, 'dist/cjs/index.js'))
const { PGlite } = require('@electric-sql/pglite')
const { lastValueFrom, mergeMap, take } = require('rxjs')

const items = (from, count) =>
  Array.from({ length: count }, (_, i) => ({
    id: `r${from + i}`,
    body: { messages: [{ role: 'user', content: `question ${from + i}` }] },
  }))

const timed = async (work) => {
  const started = performance.now()
  await work()
  return (performance.now() - started) / 1000
}

/** Enqueue `requests` in calls of 1,000; then store them as results and deliver them with ack. */
const measure = async (label, store) => {
  const client = createClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' })
  const queue = await createBatchQueue({
    client,
    name: 'bench',
    job: { endpoint: '/v1/chat/completions', model: 'm' },
    store,
    pollMs: 5,
  })
  const enqueueS = await timed(async () => {
    for (let from = 0; from < requests; from += 1_000) {
      await queue.enqueue(items(from, Math.min(1_000, requests - from)))
    }
  })
  // the results as a collected job leaves them: stored directly, one statement per 1,000
  const db = store.pglite ?? store.postgres
  await db.query(
    `INSERT INTO mistral_batch_queue.results (queue, id, attempt, result, job_status)
     SELECT 'bench', id, 1, jsonb_build_object('custom_id', id, 'failed', false), 'SUCCESS'
     FROM mistral_batch_queue.requests WHERE queue = 'bench'`,
  )
  const deliverS = await timed(() =>
    lastValueFrom(
      queue.results$().pipe(
        mergeMap((result) => result.ack(), 64),
        take(requests),
      ),
    ),
  )
  const stats = await queue.stats()
  await queue.close()
  const rate = (seconds) => Math.round(requests / seconds).toLocaleString('en')
  console.log(
    `${label}: enqueue ${rate(enqueueS)} requests/s (${enqueueS.toFixed(2)} s), ` +
      `deliver+ack ${rate(deliverS)} results/s (${deliverS.toFixed(2)} s); delivered ${stats.delivered}`,
  )
}

const server = await startTestPostgres()
try {
  const { Pool } = require('pg')
  const pool = new Pool({ connectionString: await server.createDatabase('bench'), max: 20 })
  await measure(`Postgres, ${requests.toLocaleString('en')} requests`, { postgres: pool })
  await pool.end()
} finally {
  await server.stop()
}
const pglite = new PGlite()
await measure(`PGlite in memory, ${requests.toLocaleString('en')} requests`, { pglite })
await pglite.close()
