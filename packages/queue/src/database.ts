// One face for the two engines the queue runs on: a Postgres server through `pg`, and PGlite
// (Postgres compiled to WebAssembly) in this process. Same SQL, same schema.
import type { Pool, PoolClient } from 'pg'
import { asStoreError } from './storeFailure.js'

/** Rows of a query. */
export interface Rows<R> {
  readonly rows: R[]
}

/** Runs one statement: `pg`'s `Client` and `PoolClient`, PGlite and its transactions all can. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Rows<R>>
}

/** A database the queue owns a connection (or a pool) to. */
export interface Database extends Queryable {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  /** Closes what the queue opened; a pool the caller gave stays open. */
  close(): Promise<void>
  /** `'postgres'` or `'pglite'`. */
  readonly engine: 'postgres' | 'pglite'
}

/** Runs `work`, a lost or closed database turned into a `QueueStoreError` (see storeFailure). */
const storeCall = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work()
  } catch (error) {
    throw asStoreError(error)
  }
}

const queryOf =
  (target: { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }) =>
  <R>(text: string, params: unknown[] = []): Promise<Rows<R>> =>
    storeCall(async () => {
      const result = await target.query(text, params)
      return { rows: result.rows as R[] }
    })

/** A `pg` pool as a Database; `owned`: close it with the queue. */
export const postgresDatabase = (pool: Pool, owned: boolean): Database => ({
  engine: 'postgres',
  query: queryOf(pool),
  transaction: async (work) => {
    const client: PoolClient = await storeCall(() => pool.connect())
    const query = queryOf(client)
    let broken: unknown
    // the connection ending while checked out, between two statements, is an 'error' event of
    // the client (the pool listens only to idle ones): unheard, it would end the process
    const onError = (error: unknown) => {
      broken = error
    }
    client.on('error', onError)
    try {
      await query('BEGIN')
      const result = await work({ query })
      await query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: unknown) => {
        broken = rollback
      })
      throw asStoreError(error)
    } finally {
      client.off('error', onError)
      // a connection that broke or could not roll back is dropped, never handed to another caller
      client.release(broken === undefined ? undefined : true)
    }
  },
  close: async () => {
    if (owned) await pool.end()
  },
})

/** What the queue uses of a PGlite instance. */
export interface PGliteLike extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** A PGlite instance as a Database (one connection: its transactions run one at a time). */
export const pgliteDatabase = (db: PGliteLike, owned: boolean): Database => ({
  engine: 'pglite',
  query: queryOf(db),
  transaction: (work) => storeCall(() => db.transaction((tx) => work({ query: queryOf(tx) }))),
  close: async () => {
    if (owned) await db.close()
  },
})
