// B7 (issue 14): the durable queue's speed: enqueue (calls of 1,000 into Postgres, and into
// PGlite) and delivery through results$ with ack, on a throwaway Postgres cluster (Debian's
// postgresql must be installed; .ci/run installs it).
//
//   node spec/bench/b7-queue.mjs [--quick] [--requests 100000]
import { buildSync } from 'esbuild'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { distDir, option, quick, repoRoot } from './support/env.mjs'
import { benchMain, rateRow, ratio } from './support/report.mjs'

const require = createRequire(import.meta.url)
const requests = Number(option('requests', quick ? 20_000 : 100_000))

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
const { createClient } = require(path.join(distDir, 'index.js'))
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
  return performance.now() - started
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
  const enqueueMs = await timed(async () => {
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
  const deliverMs = await timed(() =>
    lastValueFrom(
      queue.results$().pipe(
        mergeMap((result) => result.ack(), 64),
        take(requests),
      ),
    ),
  )
  const stats = await queue.stats()
  await queue.close()
  if (stats.delivered !== requests) throw new Error(`${label}: ${stats.delivered} delivered`)
  return [
    rateRow(`${label}: enqueue`, [enqueueMs], requests, 'requests/s'),
    rateRow(`${label}: deliver + ack`, [deliverMs], requests, 'results/s'),
  ]
}

export const run = async () => {
  const rows = []
  const server = await startTestPostgres()
  try {
    const { Pool } = require('pg')
    const pool = new Pool({ connectionString: await server.createDatabase('bench'), max: 20 })
    rows.push(...(await measure('Postgres', { postgres: pool })))
    await pool.end()
  } finally {
    await server.stop()
  }
  const pglite = new PGlite()
  rows.push(...(await measure('PGlite in memory', { pglite })))
  await pglite.close()
  const [enqueue, deliver] = rows
  return {
    id: 'B7',
    title: 'durable queue',
    setup:
      `${requests.toLocaleString('en-US')} requests enqueued in calls of 1,000, then delivered ` +
      'through results$ with ack (64 in flight), on a throwaway Postgres 15 cluster and on PGlite',
    rows,
    ratios: [
      ratio('Postgres enqueue, requests/s / 20,000', enqueue.median / 20_000, '>=', 1),
      ratio('Postgres deliver + ack, results/s / 10,000', deliver.median / 10_000, '>=', 1),
    ],
  }
}

await benchMain(run)
