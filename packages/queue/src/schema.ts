// The queue's tables, created and migrated by versioned migrations, run once at a time under an
// advisory lock: any number of processes may start together on one database.
import type { Database, Queryable } from './database.js'
import { QueueStoreError } from './errors.js'

/** The Postgres schema holding every queue's tables (many queues share them, by `queue`). */
export const SCHEMA = 'mistral_batch_queue'

// A migration's SQL split into its statements (no statement here holds a `;` of its own).
function statements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.replace(/--[^\n]*/g, '').trim())
    .filter((statement) => statement !== '')
}

// Never edit a migration once released: add the next one. Each is a list of statements (PGlite's
// parameterised queries take one statement at a time).
const MIGRATIONS: ReadonlyArray<ReadonlyArray<string>> = [
  statements(`
  CREATE TABLE ${SCHEMA}.jobs (
    seq bigserial PRIMARY KEY,
    queue text NOT NULL,
    -- stored before the create is sent: a worker that takes over finds the same job by it
    idempotency_key text NOT NULL UNIQUE,
    batch_id text,
    state text NOT NULL CHECK (state IN ('creating', 'open', 'collected')),
    status text,
    requests integer NOT NULL,
    lease_owner text,
    lease_until timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz
  );
  CREATE INDEX jobs_open ON ${SCHEMA}.jobs (queue, state) WHERE state <> 'collected';

  CREATE TABLE ${SCHEMA}.requests (
    queue text NOT NULL,
    id text NOT NULL,
    body jsonb NOT NULL,
    state text NOT NULL CHECK (state IN ('pending', 'in_job', 'done', 'cancelled')),
    attempts integer NOT NULL DEFAULT 0,
    job_seq bigint REFERENCES ${SCHEMA}.jobs (seq),
    enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (queue, id)
  );
  CREATE INDEX requests_pending ON ${SCHEMA}.requests (queue, enqueued_at) WHERE state = 'pending';
  CREATE INDEX requests_job ON ${SCHEMA}.requests (job_seq) WHERE state = 'in_job';

  -- one final result per id: the last attempt's
  CREATE TABLE ${SCHEMA}.results (
    queue text NOT NULL,
    id text NOT NULL,
    attempt integer NOT NULL,
    result jsonb,
    job_status text NOT NULL,
    deliveries integer NOT NULL DEFAULT 0,
    lease_owner text,
    lease_until timestamptz,
    acked_at timestamptz,
    stored_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (queue, id)
  );
  CREATE INDEX results_unacked ON ${SCHEMA}.results (queue, stored_at) WHERE acked_at IS NULL;
  `),
]

/** The schema version this code writes. */
const SCHEMA_VERSION = MIGRATIONS.length

const currentVersion = async (tx: Queryable): Promise<number> => {
  await tx.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`)
  await tx.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_version (version integer NOT NULL)`)
  const { rows } = await tx.query<{ version: number }>(
    `SELECT max(version) AS version FROM ${SCHEMA}.schema_version`,
  )
  return rows[0]?.version ?? 0
}

/**
 * Brings the schema to `SCHEMA_VERSION`, one migration at a time, in one transaction under an
 * advisory lock (so concurrent starts run each migration once). A database migrated by a newer
 * version of this package is refused with a `QueueStoreError`: old code must not write to it.
 */
export const migrate = async (db: Database): Promise<void> => {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('${SCHEMA}'))`)
    const version = await currentVersion(tx)
    if (version > SCHEMA_VERSION) {
      throw new QueueStoreError(
        `the database's queue schema is at version ${version}, newer than this package's ` +
          `${SCHEMA_VERSION}: upgrade @mistral-batch-rx/queue on every process`,
        { reason: 'newer-schema' },
      )
    }
    for (let next = version; next < SCHEMA_VERSION; next++) {
      for (const statement of MIGRATIONS[next] ?? []) await tx.query(statement)
      await tx.query(`INSERT INTO ${SCHEMA}.schema_version (version) VALUES ($1)`, [next + 1])
    }
  })
}
