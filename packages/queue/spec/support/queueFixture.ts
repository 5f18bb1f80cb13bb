// The two engines the queue specs run on, each behind one face: a fresh store per test, and the
// means to reach the database directly (a transaction of the caller's, a raw statement).
import { PGlite } from '@electric-sql/pglite'
import { createClient, type MistralBatchClient } from 'mistral-batch-rx'
import { Pool } from 'pg'
import { firstValueFrom, mergeMap, take, toArray, type Observable } from 'rxjs'
import {
  createBatchQueue,
  type BatchQueue,
  type BatchQueueOptions,
  type Queryable,
  type QueuedResult,
} from '../../src/index.js'
import { startTestPostgres, type TestPostgres } from './postgres.js'

/** A database for one test, and how to reach it. */
export interface TestStore {
  readonly store: BatchQueueOptions['store']
  /** A raw statement, outside any queue. */
  query(text: string, params?: unknown[]): Promise<unknown[]>
  /** Runs `work` in a transaction of the caller's own, rolled back if it throws. */
  transaction(work: (tx: Queryable) => Promise<void>): Promise<void>
}

/** An engine: a store per test, closed with the engine. */
export interface Engine {
  readonly name: string
  start(): Promise<void>
  store(): Promise<TestStore>
  stop(): Promise<void>
}

/** PGlite in memory, one instance per test (one connection each). */
export const pglite = (): Engine => {
  const open: PGlite[] = []
  return {
    name: 'PGlite',
    start: async () => undefined,
    store: async () => {
      const db = new PGlite()
      await db.waitReady
      open.push(db)
      return {
        store: { pglite: db },
        query: async (text, params) => (await db.query(text, params)).rows,
        transaction: async (work) => {
          await db.transaction((tx) => work(tx))
        },
      }
    },
    stop: async () => {
      await Promise.all(open.map((db) => db.close()))
    },
  }
}

/** A throwaway Postgres cluster, one database per test. */
export const postgres = (): Engine => {
  let server: TestPostgres | undefined
  const pools: Pool[] = []
  return {
    name: 'Postgres',
    start: async () => {
      server = await startTestPostgres()
    },
    store: async () => {
      if (server === undefined) throw new Error('the Postgres engine was not started')
      const url = await server.createDatabase()
      const pool = new Pool({ connectionString: url, max: 20 })
      pools.push(pool)
      return {
        store: { postgres: pool },
        query: async (text, params) => (await pool.query(text, params)).rows,
        transaction: async (work) => {
          const client = await pool.connect()
          try {
            await client.query('BEGIN')
            await work(client)
            await client.query('COMMIT')
          } catch (error) {
            await client.query('ROLLBACK')
            throw error
          } finally {
            client.release()
          }
        },
      }
    },
    stop: async () => {
      await Promise.all(pools.map((pool) => pool.end()))
      await server?.stop()
    },
  }
}

/** A queue with quick timings for tests. */
export const testQueue = (
  baseUrl: string,
  store: BatchQueueOptions['store'],
  options: Partial<BatchQueueOptions> = {},
  client: MistralBatchClient = createClient({ apiKey: 'k', baseUrl }),
): Promise<BatchQueue> =>
  createBatchQueue({
    client,
    name: 'reviews',
    job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
    store,
    maxWaitMs: 0,
    pollMs: 10,
    watch: { intervalMs: 10 },
    ...options,
  })

/** The first `count` results of `results$`, each acknowledged once taken. */
export const ackedResults = (
  results$: Observable<QueuedResult>,
  count: number,
): Promise<QueuedResult[]> =>
  firstValueFrom(
    results$.pipe(
      mergeMap(async (result) => {
        await result.ack()
        return result
      }),
      take(count),
      toArray(),
    ),
  )
