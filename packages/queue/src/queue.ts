// createBatchQueue: a durable queue of batch requests on Postgres (a server, or PGlite here).
import { InvalidRequestError, checkRequestBody } from 'mistral-batch-rx'
import { throwError, type Observable } from 'rxjs'
import { postgresDatabase, pgliteDatabase, type Database, type Queryable } from './database.js'
import { delivery$, type QueuedResult } from './delivery.js'
import { lockDataDir } from './dataDirLock.js'
import { QueueStoreError, isQueueStoreError } from './errors.js'
import { resolveQueueOptions, type BatchQueueOptions, type QueueStore } from './options.js'
import { migrate } from './schema.js'
import { QueueRows, type QueueStats, type StoredRequest } from './store.js'
import { worker$, type QueueEvent } from './worker.js'

/** A request to queue: its id (the `custom_id` it is sent with) and its body. */
export interface QueueItem {
  /** Unique in the queue: an id already there is stored once. 1 to 512 characters. */
  readonly id: string
  /** The request body for the queue's endpoint, a JSON object. */
  readonly body: Readonly<Record<string, unknown>>
}

/** Options of `enqueue`. */
export interface EnqueueOptions {
  /**
   * Store the requests through this connection, inside the caller's open transaction (the
   * transactional outbox): a `pg` client or PGlite transaction on the queue's database.
   */
  readonly client?: Queryable
}

/** A durable batch queue (see `createBatchQueue`). */
export interface BatchQueue {
  /**
   * Stores `items`, all or none: it resolves once they are durable. Each item is checked first
   * (an `InvalidRequestError` naming it, and nothing of the call stored); an id already in the
   * queue is kept as it was and counted in `duplicates`.
   */
  enqueue(
    items: ReadonlyArray<QueueItem>,
    options?: EnqueueOptions,
  ): Promise<{ readonly added: number; readonly duplicates: number }>
  /**
   * While subscribed, this process does worker duties: claims pending requests into jobs of up
   * to `maxBatchSize`, creates them (with an idempotency key stored first), polls the jobs it
   * holds in one loop, and stores the results of ended ones. Any number of processes may run it.
   */
  run$(): Observable<QueueEvent>
  /**
   * The stored results not yet acknowledged, each handed to one consumer at a time across
   * processes; one not acknowledged within `ackTimeoutMs` is handed out again (at least once).
   */
  results$(): Observable<QueuedResult>
  /** Counts of requests, results and jobs of this queue. */
  stats(): Promise<QueueStats>
  /** Withdraws a request: a pending one is never sent; for one in a job, its result is dropped. */
  cancel(id: string): Promise<boolean>
  /** Closes the database (a pool or PGlite you gave stays open). Unsubscribe run$ and results$ first. */
  close(): Promise<void>
}

const MAX_ID_LENGTH = 512

const invalidItem = (index: number, field: string, message: string): never => {
  throw new InvalidRequestError(`enqueue: items[${index}]${field} ${message}`, {
    field: `items[${index}]${field}`,
  })
}

/**
 * `items` checked and copied as JSON, or an `InvalidRequestError` naming the first bad one. With
 * the queue's `endpoint` (its `job` was given), each body is also checked against that
 * endpoint's request codec, as `runBatch$` checks them.
 */
const checkedItems = (
  items: ReadonlyArray<QueueItem>,
  endpoint: string | undefined,
): StoredRequest[] => {
  if (!Array.isArray(items)) {
    throw new InvalidRequestError('enqueue: items must be an array', { field: 'items' })
  }
  return items.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null)
      return invalidItem(index, '', 'must be an object')
    const { id, body } = item as Partial<QueueItem>
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
      return invalidItem(index, '.id', `must be a string of 1 to ${MAX_ID_LENGTH} characters`)
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return invalidItem(index, '.body', `(id ${JSON.stringify(id)}) must be a JSON object`)
    }
    let json: string
    try {
      json = JSON.stringify(body)
    } catch (error) {
      return invalidItem(index, '.body', `(id ${JSON.stringify(id)}) is not JSON: ${String(error)}`)
    }
    const stored = JSON.parse(json) as Record<string, unknown>
    const refused =
      endpoint === undefined
        ? undefined
        : checkRequestBody(endpoint, stored, {
            where: `enqueue: items[${index}] (id ${JSON.stringify(id)})`,
            field: `items[${index}]`,
          })
    if (refused !== undefined) throw refused
    return { id, body: stored }
  })
}

/** The store opened; a data dir locked first, for this process alone (see dataDirLock). */
const openStore = async (store: QueueStore): Promise<Database> => {
  if ('pglite' in store) return pgliteDatabase(store.pglite, false)
  if ('dataDir' in store) {
    const unlock = await lockDataDir(store.dataDir)
    try {
      const { PGlite } = await import('@electric-sql/pglite')
      const db = new PGlite(store.dataDir)
      await db.waitReady
      const owned = pgliteDatabase(db, true)
      return {
        ...owned,
        close: async () => {
          try {
            await owned.close()
          } finally {
            await unlock()
          }
        },
      }
    } catch (error) {
      await unlock()
      throw error
    }
  }
  if (typeof store.postgres === 'string') {
    const { Pool } = await import('pg')
    const pool = new Pool({ connectionString: store.postgres, max: 10 })
    // an idle connection the server ends (a restart, an admin's terminate) is an 'error' event:
    // unheard, it would end the process; the pool drops that connection and opens another
    pool.on('error', () => undefined)
    return postgresDatabase(pool, true)
  }
  return postgresDatabase(store.postgres, false)
}

/**
 * Opens (and creates or migrates) a durable batch queue. Throws an `InvalidRequestError` for a
 * bad option and a `QueueStoreError` for a database it cannot reach or one of a newer schema.
 */
export const createBatchQueue = async (options: BatchQueueOptions): Promise<BatchQueue> => {
  const resolved = resolveQueueOptions(options)
  let db: Database | undefined
  try {
    db = await openStore(options.store ?? { dataDir: './.mistral-batch-queue' })
    await db.query('SELECT 1')
  } catch (error) {
    await db?.close().catch(() => undefined)
    if (isQueueStoreError(error) && error.reason === 'in-use') throw error
    throw new QueueStoreError(
      `createBatchQueue: cannot open the queue's database: ${error instanceof Error ? error.message : String(error)}`,
      { reason: 'unreachable', cause: error },
    )
  }
  const opened = db
  await migrate(opened).catch(async (error: unknown) => {
    await opened.close().catch(() => undefined)
    throw error
  })
  const rows = new QueueRows(opened, resolved.name, resolved.workerId)
  let closing: Promise<void> | undefined
  return {
    enqueue: async (items, enqueueOptions = {}) => {
      const checked = checkedItems(items, resolved.job?.endpoint)
      if (checked.length === 0) return { added: 0, duplicates: 0 }
      const added = await rows.enqueue(checked, enqueueOptions.client)
      return { added, duplicates: checked.length - added }
    },
    run$: () => {
      const { client } = options
      const { job } = resolved
      if (client === undefined || job === undefined) {
        const missing = client === undefined ? 'client' : 'job'
        return throwError(
          () =>
            new InvalidRequestError(
              `run$: this queue was created without ${missing}: a worker creates jobs, so ` +
                `createBatchQueue needs client and job in the processes that call run$`,
              { field: missing },
            ),
        )
      }
      return worker$({ client, rows, options: { ...resolved, job } })
    },
    results$: () => delivery$({ rows, options: resolved }),
    stats: () => rows.stats(),
    cancel: (id) => rows.cancel(id),
    close: () => (closing ??= opened.close()),
  }
}
