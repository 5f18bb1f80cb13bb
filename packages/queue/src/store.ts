// Every statement the queue runs, on one queue's rows. Each step is one statement or one
// transaction, so a process killed at any point leaves the rows in a state another takes over:
// requests pending, in a job, or done; jobs creating, open, or collected; results acked or not.
import type { Database, Queryable } from './database.js'
import { SCHEMA } from './schema.js'

const T = {
  jobs: `${SCHEMA}.jobs`,
  requests: `${SCHEMA}.requests`,
  results: `${SCHEMA}.results`,
}

/** A request as stored. */
export interface StoredRequest {
  readonly id: string
  readonly body: Record<string, unknown>
}

/** A job row. */
export interface JobRow {
  readonly seq: string
  readonly idempotency_key: string
  readonly batch_id: string | null
  readonly state: 'creating' | 'open' | 'collected'
  readonly requests: number
}

/** A result line of a job, as the collector hands it to the store. */
export interface IncomingResult {
  readonly id: string
  /** Whether the line is a failure worth another attempt (429, 5xx). */
  readonly retry: boolean
  readonly result: unknown
}

/** A stored result claimed for delivery. */
export interface ClaimedResult {
  readonly id: string
  readonly attempt: number
  readonly result: unknown
  readonly job_status: string
  readonly deliveries: number
}

/** What `stats` counts. */
export interface QueueStats {
  /** Requests waiting for a job. */
  readonly pending: number
  /** Requests in a job not yet collected. */
  readonly inJob: number
  /** Requests with a final result stored. */
  readonly done: number
  /** Final results acknowledged by a consumer. */
  readonly delivered: number
  /** Final results that are failures (a failed line, or no line after every attempt). */
  readonly failed: number
  /** Requests withdrawn by `cancel`. */
  readonly cancelled: number
  /** Results handed out more than once (a consumer did not acknowledge in time). */
  readonly redeliveries: number
  /** Retries: attempts beyond each request's first. */
  readonly retries: number
  readonly jobs: { readonly open: number; readonly ended: number }
}

const count = (value: unknown): number => Number(value ?? 0)

/** One queue's rows in a database, for one worker (`owner` in leases). */
export class QueueRows {
  constructor(
    private readonly db: Database,
    private readonly queue: string,
    private readonly owner: string,
  ) {}

  /** Stores `requests` (ids already in the queue are kept as they are); returns the ids added. */
  async enqueue(requests: ReadonlyArray<StoredRequest>, on: Queryable = this.db) {
    const { rows } = await on.query<{ id: string }>(
      `INSERT INTO ${T.requests} (queue, id, body, state)
       SELECT $1, e->>'id', e->'body', 'pending' FROM jsonb_array_elements($2::jsonb) AS e
       ON CONFLICT (queue, id) DO NOTHING RETURNING id`,
      [this.queue, JSON.stringify(requests)],
    )
    return rows.length
  }

  /**
   * Takes up to `max` pending requests into a new job (state `creating`, leased to this worker,
   * with its idempotency key), if there are `max` of them or the oldest has waited `maxWaitMs`.
   * Requests another worker is taking at this moment are skipped, never taken twice.
   */
  async claimBatch(max: number, maxWaitMs: number, leaseMs: number) {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<StoredRequest & { age_ms: number }>(
        `SELECT id, body, extract(epoch FROM clock_timestamp() - enqueued_at) * 1000 AS age_ms
         FROM ${T.requests} WHERE queue = $1 AND state = 'pending'
         ORDER BY enqueued_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [this.queue, max],
      )
      const oldest = Math.max(0, ...rows.map((row) => Number(row.age_ms)))
      if (rows.length === 0 || (rows.length < max && oldest < maxWaitMs)) {
        return {
          job: undefined,
          requests: [],
          dueInMs: rows.length === 0 ? undefined : maxWaitMs - oldest,
        }
      }
      const { rows: jobs } = await tx.query<JobRow>(
        `INSERT INTO ${T.jobs} (queue, idempotency_key, state, requests, lease_owner, lease_until)
         VALUES ($1, $2, 'creating', $3, $4, clock_timestamp() + $5 * interval '1 millisecond')
         RETURNING seq, idempotency_key, batch_id, state, requests`,
        [this.queue, `mbq-${crypto.randomUUID()}`, rows.length, this.owner, leaseMs],
      )
      const job = jobs[0] as JobRow
      await tx.query(
        `UPDATE ${T.requests} SET state = 'in_job', job_seq = $3, attempts = attempts + 1
         WHERE queue = $1 AND id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`,
        [this.queue, JSON.stringify(rows.map((row) => row.id)), job.seq],
      )
      return { job, requests: rows.map(({ id, body }) => ({ id, body })), dueInMs: undefined }
    })
  }

  /** The requests of a job (a job being created again by the worker that took it over). */
  async jobRequests(seq: string): Promise<StoredRequest[]> {
    const { rows } = await this.db.query<StoredRequest>(
      `SELECT id, body FROM ${T.requests} WHERE job_seq = $1 AND state = 'in_job' ORDER BY id`,
      [seq],
    )
    return rows
  }

  /** Renews this worker's lease on job `seq`; false if the job is no longer this worker's. */
  async renewLease(seq: string, leaseMs: number): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE ${T.jobs} SET lease_until = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE seq = $1 AND lease_owner = $2 AND state <> 'collected' RETURNING seq`,
      [seq, this.owner, leaseMs],
    )
    return rows.length === 1
  }

  /** Records the created job's id; false if the job is no longer this worker's to record. */
  async recordCreated(seq: string, batchId: string, status: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE ${T.jobs} SET batch_id = $2, status = $3, state = 'open'
       WHERE seq = $1 AND state = 'creating' AND lease_owner = $4 RETURNING seq`,
      [seq, batchId, status, this.owner],
    )
    return rows.length === 1
  }

  /**
   * Renews this worker's leases and takes over up to `max` jobs whose lease ran out (their
   * worker died or stalled); returns every job this worker now holds.
   */
  async holdJobs(leaseMs: number, max: number): Promise<JobRow[]> {
    const until = `clock_timestamp() + $3 * interval '1 millisecond'`
    await this.db.query(
      `UPDATE ${T.jobs} SET lease_owner = $2, lease_until = ${until}
       WHERE seq IN (SELECT seq FROM ${T.jobs} WHERE queue = $1 AND state <> 'collected'
         AND (lease_until IS NULL OR lease_until < clock_timestamp())
         ORDER BY seq LIMIT $4 FOR UPDATE SKIP LOCKED)`,
      [this.queue, this.owner, leaseMs, max],
    )
    const { rows } = await this.db.query<JobRow>(
      `UPDATE ${T.jobs} SET lease_until = ${until}
       WHERE queue = $1 AND lease_owner = $2 AND state <> 'collected'
       RETURNING seq, idempotency_key, batch_id, state, requests`,
      [this.queue, this.owner, leaseMs],
    )
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq))
  }

  /**
   * Lets go of this worker's open jobs (it stops), so that another takes them at once. A job
   * still `creating` keeps its lease to the end: its create may be on its way to the server,
   * and the worker that takes it over must look for the job only once that create has landed.
   */
  async release(): Promise<void> {
    await this.db.query(
      `UPDATE ${T.jobs} SET lease_owner = NULL, lease_until = NULL
       WHERE queue = $1 AND lease_owner = $2 AND state = 'open'`,
      [this.queue, this.owner],
    )
  }

  /**
   * Stores result lines of job `seq`: a request of the job still waiting for it gets its final
   * result, or goes back to pending for another attempt (`retry`, attempts left). A line for a
   * request that already has one, or that was cancelled, changes nothing: collecting again after
   * a crash stores nothing twice.
   */
  async storeResults(
    seq: string,
    status: string,
    lines: ReadonlyArray<IncomingResult>,
    maxAttempts: number,
  ) {
    const { rows } = await this.db.query<{ stored: string; requeued: string }>(
      `WITH incoming AS (
         SELECT e->>'id' AS id, (e->>'retry')::boolean AS retry, e->'result' AS result
         FROM jsonb_array_elements($3::jsonb) AS e
       ), moved AS (
         UPDATE ${T.requests} AS r
         SET state = CASE WHEN i.retry AND r.attempts < $5 THEN 'pending' ELSE 'done' END,
             job_seq = CASE WHEN i.retry AND r.attempts < $5 THEN NULL ELSE r.job_seq END,
             enqueued_at = CASE WHEN i.retry AND r.attempts < $5 THEN clock_timestamp() ELSE r.enqueued_at END
         FROM incoming AS i
         WHERE r.queue = $1 AND r.id = i.id AND r.job_seq = $2 AND r.state = 'in_job'
         RETURNING r.id, r.state, r.attempts, i.result
       ), stored AS (
         INSERT INTO ${T.results} (queue, id, attempt, result, job_status)
         SELECT $1, id, attempts, result, $4 FROM moved WHERE state = 'done'
         ON CONFLICT (queue, id) DO NOTHING RETURNING id
       )
       SELECT (SELECT count(*) FROM stored) AS stored,
              (SELECT count(*) FROM moved WHERE state = 'pending') AS requeued`,
      [this.queue, seq, JSON.stringify(lines), status, maxAttempts],
    )
    return { stored: count(rows[0]?.stored), requeued: count(rows[0]?.requeued) }
  }

  /**
   * Ends job `seq` once its lines are stored: each of its requests with no line goes back to
   * pending, or, out of attempts, gets a final result without a line; then the job is collected.
   */
  async finishJob(seq: string, status: string, maxAttempts: number) {
    const { rows } = await this.db.query<{ requeued: string; missing: string }>(
      `WITH moved AS (
         UPDATE ${T.requests}
         SET state = CASE WHEN attempts < $4 THEN 'pending' ELSE 'done' END,
             job_seq = CASE WHEN attempts < $4 THEN NULL ELSE job_seq END,
             enqueued_at = CASE WHEN attempts < $4 THEN clock_timestamp() ELSE enqueued_at END
         WHERE queue = $1 AND job_seq = $2 AND state = 'in_job'
         RETURNING id, state, attempts
       ), stored AS (
         INSERT INTO ${T.results} (queue, id, attempt, result, job_status)
         SELECT $1, id, attempts, NULL, $3 FROM moved WHERE state = 'done'
         ON CONFLICT (queue, id) DO NOTHING RETURNING id
       ), ended AS (
         UPDATE ${T.jobs} SET state = 'collected', status = $3, ended_at = clock_timestamp(),
           lease_owner = NULL, lease_until = NULL
         WHERE seq = $2 RETURNING seq
       )
       SELECT (SELECT count(*) FROM moved WHERE state = 'pending') AS requeued,
              (SELECT count(*) FROM stored) AS missing, (SELECT count(*) FROM ended) AS ended`,
      [this.queue, seq, status, maxAttempts],
    )
    return { requeued: count(rows[0]?.requeued), missing: count(rows[0]?.missing) }
  }

  /**
   * Hands out up to `max` results not acknowledged and not handed out now (a lease that ran
   * out is handed out again), leased to this consumer for `ackTimeoutMs`.
   */
  async claimResults(max: number, ackTimeoutMs: number): Promise<ClaimedResult[]> {
    const { rows } = await this.db.query<ClaimedResult>(
      `UPDATE ${T.results} SET lease_owner = $2, deliveries = deliveries + 1,
         lease_until = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE (queue, id) IN (SELECT queue, id FROM ${T.results}
         WHERE queue = $1 AND acked_at IS NULL
           AND (lease_until IS NULL OR lease_until < clock_timestamp())
         ORDER BY stored_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING id, attempt, result, job_status, deliveries`,
      [this.queue, this.owner, ackTimeoutMs, max],
    )
    return rows
  }

  /**
   * Brings the planner's statistics of `table` up to date. After a job's worth of rows changed
   * at once, stale ones make Postgres read a chunk of result lines against every request of the
   * job (a hash of 100,000 rows per 1,000 lines) instead of looking each up by its key.
   */
  async refreshStatistics(table: 'requests' | 'results'): Promise<void> {
    await this.db.query(`ANALYZE ${T[table]}`)
  }

  /** Acknowledges the results of `ids`: they are never handed out again. */
  async ack(ids: ReadonlyArray<string>): Promise<void> {
    await this.db.query(
      // by primary key (an acked one keeps its time), never a scan of the unacknowledged
      `UPDATE ${T.results} SET acked_at = coalesce(acked_at, clock_timestamp()), lease_until = NULL
       WHERE queue = $1 AND id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`,
      [this.queue, JSON.stringify(ids)],
    )
  }

  /** Withdraws `id`: a pending request leaves the queue; a request in a job gets no result. */
  async cancel(id: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE ${T.requests} SET state = 'cancelled'
       WHERE queue = $1 AND id = $2 AND state IN ('pending', 'in_job') RETURNING id`,
      [this.queue, id],
    )
    return rows.length === 1
  }

  async stats(): Promise<QueueStats> {
    const { rows } = await this.db.query<Record<string, string>>(
      `SELECT
         (SELECT count(*) FROM ${T.requests} WHERE queue = $1 AND state = 'pending') AS pending,
         (SELECT count(*) FROM ${T.requests} WHERE queue = $1 AND state = 'in_job') AS in_job,
         (SELECT count(*) FROM ${T.requests} WHERE queue = $1 AND state = 'done') AS done,
         (SELECT count(*) FROM ${T.requests} WHERE queue = $1 AND state = 'cancelled') AS cancelled,
         (SELECT coalesce(sum(attempts - 1), 0) FROM ${T.requests} WHERE queue = $1 AND attempts > 1)
           AS retries,
         (SELECT count(*) FROM ${T.results} WHERE queue = $1 AND acked_at IS NOT NULL) AS delivered,
         (SELECT count(*) FROM ${T.results} WHERE queue = $1
           AND (result IS NULL OR result->>'failed' = 'true')) AS failed,
         (SELECT coalesce(sum(deliveries - 1), 0) FROM ${T.results} WHERE queue = $1 AND deliveries > 1)
           AS redeliveries,
         (SELECT count(*) FROM ${T.jobs} WHERE queue = $1 AND state <> 'collected') AS open,
         (SELECT count(*) FROM ${T.jobs} WHERE queue = $1 AND state = 'collected') AS ended`,
      [this.queue],
    )
    const row = rows[0] ?? {}
    return {
      pending: count(row.pending),
      inJob: count(row.in_job),
      done: count(row.done),
      delivered: count(row.delivered),
      failed: count(row.failed),
      cancelled: count(row.cancelled),
      redeliveries: count(row.redeliveries),
      retries: count(row.retries),
      jobs: { open: count(row.open), ended: count(row.ended) },
    }
  }
}
