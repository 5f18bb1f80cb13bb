// Runs one batch job through its lifecycle: queue, validation, rate-limited processing, the end.
import { promises as fs } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { toUnixSeconds, type EmulatorClock } from '../clock.js'
import type { FileRecord } from '../store/fileRecord.js'
import type { FileStore } from '../store/fileStore.js'
import type { RecordStore } from '../store/recordStore.js'
import type { JobError, JobRecord, JobStatus } from './jobRecord.js'
import { readLines } from './lineReader.js'
import { PendingResults } from './pendingResults.js'
import { processLine } from './resultLine.js'
import { Waker } from './waker.js'

/** What a runner needs from the emulator. */
export interface RunnerDeps {
  jobs: RecordStore<JobRecord>
  files: FileStore
  clock: EmulatorClock
  /** Requests processed per second (Infinity: as fast as the machine goes). */
  rate: number
  queueDelayMs: number
  /** Real ms one hour of `timeout_hours` lasts. */
  hourMs: number
  /** The JSONL of a job's inline requests. */
  inlineInputPath(jobId: string): string
}

/** Lines processed between two durable flushes at most. */
const FLUSH_LINES = 1000
/** Shortest sleep while waiting for the rate budget, so slow rates flush in steps, not per line. */
const MIN_TICK_MS = 50

type Interruption = 'stop' | 'cancel' | 'timeout'

/** Cuts `file` back to `bytes` (bytes past the last durable flush, left by a crash); absent is fine. */
const trimTo = async (file: string, bytes: number): Promise<void> => {
  const size = await fs.stat(file).then(
    (stats) => stats.size,
    () => 0,
  )
  if (size > bytes) await fs.truncate(file, bytes)
}

/**
 * One job's life. Its progress (input position, output bytes and lines) is written after every
 * flush, after the bytes it counts, so a restart trims the outputs back to it and resumes there:
 * no line lost, none written twice.
 */
export class JobRunner {
  /** Resolves when the runner has stopped (job ended, or `stop()` called). */
  readonly done: Promise<void>
  private readonly waker = new Waker()
  private stopped = false
  /** Opened at the first line to write, so a job with no error line never holds an error file. */
  private output: FileHandle | null = null
  private errorFile: FileHandle | null = null

  /** Starts running `job` at once. */
  constructor(
    private readonly job: JobRecord,
    private readonly deps: RunnerDeps,
  ) {
    this.done = this.run().catch((error: unknown) => this.crash(error))
  }

  /** Re-checks cancel, deadline and stop now rather than at the next tick. */
  wake(): void {
    this.waker.wake()
  }

  /** Stops after the current flush, leaving the job resumable; resolves when stopped. */
  stop(): Promise<void> {
    this.stopped = true
    this.waker.wake()
    return this.done
  }

  private get deadline(): number {
    return this.job.created_ms + this.job.timeout_hours * this.deps.hourMs
  }

  private interruption(): Interruption | null {
    if (this.stopped) return 'stop'
    if (this.job.status === 'CANCELLATION_REQUESTED') return 'cancel'
    if (this.deps.clock.now() >= this.deadline) return 'timeout'
    return null
  }

  private async run(): Promise<void> {
    for (;;) {
      const reason = this.interruption()
      if (reason !== null) return this.end(reason)
      if (this.job.status !== 'QUEUED') break
      const now = this.deps.clock.now()
      const startAt = this.job.created_ms + this.deps.queueDelayMs
      if (now >= startAt) {
        if (!(await this.start())) return
      } else {
        await this.waker.sleep(Math.min(startAt, this.deadline) - now)
      }
    }
    await this.process()
  }

  /** Validates the input and moves to RUNNING; false when the job failed instead. */
  private async start(): Promise<boolean> {
    const job = this.job
    let total = job.request_count ?? 0
    for (const id of job.inline ? [] : job.input_files) {
      const file = this.deps.files.get(id)
      if (file === undefined) {
        await this.finish('FAILED', [{ message: `Input file ${id} not found`, count: 1 }])
        return false
      }
      total += file.num_lines ?? 0
    }
    if (total === 0) {
      await this.finish('FAILED', [{ message: 'The input has no request line', count: 1 }])
      return false
    }
    job.status = 'RUNNING'
    job.started_at = toUnixSeconds(this.deps.clock.now())
    job.total_requests = total
    await this.deps.jobs.save(job)
    return true
  }

  private inputPaths(): string[] {
    return this.job.inline
      ? [this.deps.inlineInputPath(this.job.id)]
      : this.job.input_files.map((id) => this.deps.files.dataPath(id))
  }

  private async process(): Promise<void> {
    const { job, deps } = this
    const progress = job.progress
    await trimTo(deps.files.dataPath(progress.outputFileId), progress.outputBytes)
    await trimTo(deps.files.dataPath(progress.errorFileId), progress.errorBytes)
    const budget = this.budget()
    const pending = new PendingResults(progress.fileIndex, progress.offset)
    const inputs = this.inputPaths()
    for (let fileIndex = progress.fileIndex; fileIndex < inputs.length; fileIndex += 1) {
      const start = fileIndex === progress.fileIndex ? progress.offset : 0
      for await (const line of readLines(inputs[fileIndex] as string, start)) {
        if (pending.count >= FLUSH_LINES || budget.exhausted(pending.count)) {
          await this.flush(pending)
          const reason = await this.waitForBudget(budget)
          if (reason !== null) return this.end(reason)
        }
        const context = {
          jobId: job.id,
          endpoint: job.endpoint,
          model: job.model,
          index: job.completed_requests + pending.count,
          nowSeconds: toUnixSeconds(deps.clock.now()),
        }
        pending.add(processLine(line.text, context), line.end)
      }
      pending.nextFile()
    }
    await this.flush(pending)
    // The input ran out before the count of requests it had when the job started: its saved
    // progress points past its end (a damaged record) or the input changed. The job cannot
    // resume, and SUCCESS would hide the requests never answered: it FAILS, keeping the results
    // of those it did answer, and says how far it got.
    if (job.completed_requests !== job.total_requests) {
      const message = `The job's input ended after ${job.completed_requests} of its ${job.total_requests} requests: its saved progress no longer matches its input`
      return this.finish('FAILED', [{ message, count: 1 }])
    }
    if (job.succeeded_requests > 0) return this.finish('SUCCESS')
    return this.finish('FAILED', [{ message: 'No request of the input succeeded', count: 1 }])
  }

  /** How many requests the rate allows so far, counted from now and the current progress. */
  private budget(): { exhausted(pending: number): boolean; msUntilNext(): number } {
    const { rate } = this.deps
    const startedAt = performance.now()
    const startCount = this.job.completed_requests
    const allowed = (): number =>
      rate === Infinity
        ? Infinity
        : startCount + Math.floor((rate * (performance.now() - startedAt)) / 1000)
    return {
      exhausted: (pending) => this.job.completed_requests + pending >= allowed(),
      msUntilNext: () =>
        ((this.job.completed_requests - startCount + 1) * 1000) / rate -
        (performance.now() - startedAt),
    }
  }

  private async waitForBudget(
    budget: ReturnType<JobRunner['budget']>,
  ): Promise<Interruption | null> {
    await new Promise((resolve) => setImmediate(resolve))
    for (;;) {
      const reason = this.interruption()
      if (reason !== null || !budget.exhausted(0)) return reason
      const untilDeadline = this.deadline - this.deps.clock.now()
      await this.waker.sleep(Math.min(Math.max(MIN_TICK_MS, budget.msUntilNext()), untilDeadline))
    }
  }

  /** Appends the pending lines, then records the progress they make (in that order). */
  private async flush(pending: PendingResults): Promise<void> {
    const { job } = this
    const progress = job.progress
    const taken = pending.take()
    if (taken.output.length > 0) {
      this.output ??= await fs.open(this.deps.files.dataPath(progress.outputFileId), 'a')
      await this.output.write(taken.output)
    }
    if (taken.error.length > 0) {
      this.errorFile ??= await fs.open(this.deps.files.dataPath(progress.errorFileId), 'a')
      await this.errorFile.write(taken.error)
    }
    job.completed_requests += pending.count
    job.succeeded_requests += pending.succeeded
    job.failed_requests += pending.failed
    progress.fileIndex = pending.fileIndex
    progress.offset = pending.offset
    progress.outputBytes += taken.output.length
    progress.outputLines += taken.outputLines
    progress.errorBytes += taken.error.length
    progress.errorLines += taken.errorLines
    pending.reset()
    await this.deps.jobs.save(job)
  }

  private async end(reason: Interruption): Promise<void> {
    if (reason === 'stop') return this.closeFiles()
    return this.finish(reason === 'cancel' ? 'CANCELLED' : 'TIMEOUT_EXCEEDED')
  }

  private async closeFiles(): Promise<void> {
    await this.output?.close()
    await this.errorFile?.close()
    this.output = null
    this.errorFile = null
  }

  /** Ends the job: registers the output and error files that have lines, then the final status. */
  private async finish(status: JobStatus, errors: JobError[] = []): Promise<void> {
    await this.closeFiles()
    const { job } = this
    const progress = job.progress
    await trimTo(this.deps.files.dataPath(progress.outputFileId), progress.outputBytes)
    await trimTo(this.deps.files.dataPath(progress.errorFileId), progress.errorBytes)
    job.output_file = await this.registerOutput(
      progress.outputFileId,
      'batch_result',
      progress.outputBytes,
      progress.outputLines,
    )
    job.error_file = await this.registerOutput(
      progress.errorFileId,
      'batch_error',
      progress.errorBytes,
      progress.errorLines,
    )
    job.status = status
    job.errors = errors
    job.completed_at = toUnixSeconds(this.deps.clock.now())
    await this.deps.jobs.save(job)
  }

  private async registerOutput(
    id: string,
    sampleType: 'batch_result' | 'batch_error',
    bytes: number,
    lines: number,
  ): Promise<string | null> {
    const { files, clock } = this.deps
    if (lines === 0) {
      await fs.rm(files.dataPath(id), { force: true })
      return null
    }
    const record: FileRecord = {
      id,
      object: 'file',
      bytes,
      created_at: toUnixSeconds(clock.now()),
      filename: `${this.job.id}_${sampleType === 'batch_result' ? 'output' : 'error'}.jsonl`,
      purpose: 'batch',
      sample_type: sampleType,
      source: 'mistral',
      num_lines: lines,
      mimetype: 'application/jsonl',
      signature: null,
      expires_at: null,
      visibility: 'workspace',
      seq: files.nextSeq(),
    }
    await files.put(record)
    return id
  }

  private async crash(error: unknown): Promise<void> {
    await this.closeFiles().catch(() => undefined)
    if (this.stopped) return
    const missing = (error as { code?: unknown }).code === 'ENOENT'
    const message = missing
      ? 'An input file of the job no longer exists'
      : `The job could not be processed: ${error instanceof Error ? error.message : String(error)}`
    await this.finish('FAILED', [{ message, count: 1 }]).catch(() => undefined)
  }
}
