// A service of several replicas on one Postgres: a review and its classification request stored
// in one transaction (the outbox), a worker and an idempotent consumer of results in every
// replica, and a deploy in the middle of a job that loses nothing.
import { EventEmitter } from 'node:events'
import { PGlite } from '@electric-sql/pglite'
import {
  createBatchQueue,
  type QueueEvent,
  type QueueStore,
  type QueuedResult,
  type Queryable,
} from '@mistral-batch-rx/queue'
import { either as E, function as F } from 'fp-ts'
import type { Pool } from 'pg'
import { filter, firstValueFrom, map, merge, mergeMap, retry, Subject, type Observable } from 'rxjs'
import {
  ChatCompletionResponse,
  createClient,
  decode,
  type MistralBatchClient,
} from '../../src/index.js'

/** The service's database, which holds the queue's tables too (in a schema of their own). */
export interface ServiceDatabase {
  /** The same database, as the queue opens it. */
  readonly store: QueueStore
  /** Runs `work` in a transaction of the service's own. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
}

/** In production: the Postgres every replica uses, through the service's own pool. */
export const postgresDatabase = (pool: Pool): ServiceDatabase => ({
  store: { postgres: pool },
  transaction: async (work) => {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    } finally {
      client.release()
    }
  },
})

/** Here: PGlite in memory, shared by the replicas this example runs in one process. */
export const pgliteDatabase = (db: PGlite): ServiceDatabase => ({
  store: { pglite: db },
  transaction: (work) => db.transaction(work),
})

/** The service's own table: a review, and its label once classified. */
export const REVIEWS_TABLE = `CREATE TABLE IF NOT EXISTS reviews (
  id text PRIMARY KEY,
  text text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  label text
)`

/** A review as `POST /reviews` receives it. */
export interface ReviewSubmitted {
  readonly reviewId: string
  readonly text: string
}

/** Published on `review.classified`, at least once per review: subscribers dedupe by `reviewId`. */
export interface ReviewClassified {
  readonly reviewId: string
  readonly label: string
}

/** One replica of the service. */
export interface ReviewReplica {
  /** What `POST /reviews` does: the review and its classification request, in one transaction. */
  submit(review: ReviewSubmitted): Promise<void>
  /** What this replica's worker did. */
  readonly events: Observable<QueueEvent>
  /** Stops taking work (on SIGTERM): the jobs it held go to the other workers at once. */
  stop(): Promise<void>
}

/** The label of a result, or why there is none. */
const labelOf = (queued: QueuedResult): string => {
  const { result } = queued
  if (result === null) return `failed: no result (job ${queued.jobStatus})`
  if (result.failed) return `failed: status ${result.response?.status_code ?? 'none'}`
  return F.pipe(
    decode(ChatCompletionResponse)(result.response.body),
    E.match(
      (error) => `failed: ${error.message}`,
      (chat) => String(chat.choices[0]?.message?.content ?? '').trim(),
    ),
  )
}

/** Starts a replica: its worker makes jobs of every replica's requests, its consumer stores results. */
export async function startReplica(
  client: MistralBatchClient,
  database: ServiceDatabase,
  bus: EventEmitter,
): Promise<ReviewReplica> {
  const queue = await createBatchQueue({
    client,
    name: 'reviews',
    job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
    store: database.store,
    maxWaitMs: 500, // a job 500 ms after the oldest waiting review (minutes, in production)
    watch: { intervalMs: 100 },
  })

  const events = new Subject<QueueEvent>()
  // a failure of the database stops a subscription: start again, a second later
  const worker = queue
    .run$()
    .pipe(retry({ delay: 1_000 }))
    .subscribe((event) => events.next(event))

  const consumer = queue
    .results$()
    .pipe(
      mergeMap(async (result) => {
        const label = labelOf(result)
        // The effect, idempotent: a result handed out again finds its review classified.
        await database.transaction((tx) =>
          tx.query(
            `UPDATE reviews SET status = 'classified', label = $2 WHERE id = $1 AND status = 'pending'`,
            [result.id, label],
          ),
        )
        bus.emit('review.classified', { reviewId: result.id, label } satisfies ReviewClassified)
        // Only after the effect: dying before this hands the result out again, to be skipped.
        await result.ack()
      }, 20),
      retry({ delay: 1_000 }),
    )
    .subscribe()

  return {
    submit: (review) =>
      database.transaction(async (tx) => {
        await tx.query('INSERT INTO reviews (id, text) VALUES ($1, $2)', [
          review.reviewId,
          review.text,
        ])
        // The outbox: both are stored or neither; the id makes a retried request a duplicate.
        await queue.enqueue(
          [
            {
              id: review.reviewId,
              body: {
                messages: [
                  {
                    role: 'system',
                    content: 'Answer with one word: positive, negative or neutral.',
                  },
                  { role: 'user', content: review.text },
                ],
              },
            },
          ],
          { client: tx },
        )
      }),
    events,
    stop: () => {
      worker.unsubscribe()
      consumer.unsubscribe()
      return queue.close()
    },
  }
}

/** What a replica's worker did, in a line: which generation of replicas, and what. */
const logLine = (generation: string, event: QueueEvent): string =>
  event.type === 'created'
    ? `${generation} replica: created a job of ${event.requests} requests`
    : event.type === 'collected'
      ? `${generation} replica: collected a job (${event.status}): ${event.stored} results`
      : `${generation} replica: a step failed, to be tried again`

export async function main(baseUrl: string) {
  const db = new PGlite()
  await db.exec(REVIEWS_TABLE)
  const database = pgliteDatabase(db)
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const bus = new EventEmitter()
  const texts = ['Love it', 'Broke after a day', 'It is a chair', 'Great value', 'Meh']
  const classified = new Promise<void>((resolve) => {
    const seen = new Set<string>()
    bus.on('review.classified', ({ reviewId }: ReviewClassified) => {
      seen.add(reviewId)
      if (seen.size === texts.length) resolve()
    })
  })
  const log: string[] = []
  const start = async (generation: string) => {
    const replicas = await Promise.all([1, 2, 3].map(() => startReplica(client, database, bus)))
    merge(...replicas.map((r) => r.events)).subscribe((e) => log.push(logLine(generation, e)))
    return replicas
  }

  // Three replicas behind a load balancer: each review reaches one of them.
  const old = await start('old')
  // A deploy while the job runs on the server: the old replicas stop once one of them has
  // created it (at once, before any polls it), three new ones start, and one of their workers
  // takes the job over.
  const created$ = merge(...old.map((r) => r.events)).pipe(filter((e) => e.type === 'created'))
  const deployed = firstValueFrom(created$.pipe(map(() => Promise.all(old.map((r) => r.stop())))))
  for (const [i, text] of texts.entries()) {
    await old[i % old.length]!.submit({ reviewId: `review-${i + 1}`, text })
  }
  await deployed
  log.push('deploy: 3 old replicas stopped')
  const fresh = await start('new')
  await classified
  await Promise.all(fresh.map((replica) => replica.stop()))

  const { rows } = await db.query<{ id: string; status: string; label: string }>(
    'SELECT id, status, label FROM reviews ORDER BY id',
  )
  await db.close()
  return { log, reviews: rows }
}
