// Owns the batch jobs: creates them, keeps one runner per unfinished job, cancels, deletes, resumes.
import { randomUUID } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { toUnixSeconds } from '../clock.js'
import { RecordStore } from '../store/recordStore.js'
import type { CreateJobRequest } from './jobRequests.js'
import { TERMINAL_STATUSES, toWireJob, type JobRecord, type WireJob } from './jobRecord.js'
import { JobRunner, SINKS, sinkOf, type RunnerDeps } from './jobRunner.js'

/** A job as GET serves it, and its version (see `JobEngine.nextChange`). */
type JobChange = { version: number; job: WireJob }

export class JobEngine {
  private readonly runners = new Map<string, JobRunner>()
  /** How many times each job was saved since start (what `nextChange` waits on). */
  private readonly versions = new Map<string, number>()
  private readonly deps: RunnerDeps

  constructor(
    readonly store: RecordStore<JobRecord>,
    deps: Omit<RunnerDeps, 'jobs' | 'inlineInputPath'>,
  ) {
    this.deps = {
      ...deps,
      jobs: store,
      inlineInputPath: (id) => path.join(store.dir, `${id}.requests.jsonl`),
    }
    store.watch((job) => this.versions.set(job.id, (this.versions.get(job.id) ?? 0) + 1))
  }

  /** Loads the stored jobs and resumes every unfinished one where it stopped. */
  async load(): Promise<void> {
    for (const job of await this.store.load()) {
      if (!TERMINAL_STATUSES.has(job.status)) this.startRunner(job)
    }
  }

  /** Creates a job (QUEUED, counters 0) for `creator` (see `requesterOf`) and starts its runner. */
  async create(request: CreateJobRequest, creator: string | null): Promise<JobRecord> {
    const now = this.deps.clock.now()
    const id = randomUUID()
    const job: JobRecord = {
      id,
      object: 'batch',
      input_files: request.input_files,
      metadata: request.metadata,
      endpoint: request.endpoint,
      model: request.model,
      agent_id: request.agent_id,
      output_file: null,
      error_file: null,
      errors: [],
      status: 'QUEUED',
      created_at: toUnixSeconds(now),
      total_requests: 0,
      completed_requests: 0,
      succeeded_requests: 0,
      failed_requests: 0,
      started_at: null,
      completed_at: null,
      timeout_hours: request.timeout_hours,
      created_ms: now,
      inline: request.requests !== null,
      request_count: request.requests?.length ?? null,
      seq: this.store.nextSeq(),
      creator,
      progress: {
        fileIndex: 0,
        offset: 0,
        outputBytes: 0,
        outputLines: 0,
        errorBytes: 0,
        errorLines: 0,
        outputFileId: randomUUID(),
        errorFileId: randomUUID(),
      },
    }
    if (request.requests !== null) {
      const jsonl = request.requests.map((r) => JSON.stringify(r)).join('\n')
      await fs.writeFile(this.deps.inlineInputPath(id), `${jsonl}\n`)
    }
    await this.store.put(job)
    this.startRunner(job)
    return job
  }

  /** CANCELLATION_REQUESTED now, CANCELLED once stopped. Answers a copy, as the cancel left it: the
   * runner may end the job while the save is written. */
  async cancel(id: string): Promise<JobRecord | undefined> {
    const job = this.store.get(id)
    if (job === undefined || TERMINAL_STATUSES.has(job.status)) return job
    job.status = 'CANCELLATION_REQUESTED'
    const answer = { ...job }
    await this.store.save(job)
    this.runners.get(id)?.wake()
    return answer
  }

  /** Deletes a job (stopping it first); its registered output files stay. False when unknown. */
  async delete(id: string): Promise<boolean> {
    const job = this.store.get(id)
    if (job === undefined) return false
    await this.runners.get(id)?.stop()
    await this.store.delete(id)
    await fs.rm(this.deps.inlineInputPath(id), { force: true })
    for (const sink of SINKS) {
      const { id: fileId } = sinkOf(job.progress, sink)
      if (job[`${sink}_file`] === null)
        await fs.rm(this.deps.files.dataPath(fileId), { force: true })
    }
    return true
  }

  /** The result lines of a job so far (its output lines, then its error lines), for `inline=true`. */
  async outputs(job: JobRecord): Promise<Array<Record<string, unknown>>> {
    const lines: Array<Record<string, unknown>> = []
    for (const sink of SINKS) {
      const { id, bytes } = sinkOf(job.progress, sink)
      if (bytes === 0) continue
      // Only the bytes the progress counts: the runner may be appending more.
      const data = (await fs.readFile(this.deps.files.dataPath(id))).subarray(0, bytes)
      for (const line of data.toString('utf8').split('\n')) {
        if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>)
      }
    }
    return lines
  }

  /** Job `id` once changed after `version` (its saves since start): at once, or at its next save. A
   * waiter re-asks with the version it got, so sees every change without polling. */
  nextChange(id: string, after: number): Promise<JobChange> {
    const job = this.store.get(id)
    if (job === undefined) return Promise.reject(new RangeError(`no batch job ${id}`))
    const changed = (saved: JobRecord) => ({
      version: this.versions.get(id) ?? 0,
      job: toWireJob(saved),
    })
    if ((this.versions.get(id) ?? 0) > after) return Promise.resolve(changed(job))
    return new Promise((resolve) => {
      const unwatch = this.store.watch((saved) => {
        if (saved.id !== id) return
        unwatch()
        resolve(changed(saved))
      })
    })
  }

  /** Re-checks every running job now (after a clock step). */
  wakeAll(): void {
    for (const runner of this.runners.values()) runner.wake()
  }

  /** Stops every runner, leaving unfinished jobs resumable; resolves once all state is on disk. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()))
    await this.store.drain()
  }

  async clear(): Promise<void> {
    await this.stopAll()
    await this.store.clear()
  }

  private startRunner(job: JobRecord): void {
    const runner = new JobRunner(job, this.deps)
    this.runners.set(job.id, runner)
    void runner.done.then(() => {
      if (this.runners.get(job.id) === runner) this.runners.delete(job.id)
    })
  }
}
