// Runs one batch job through its lifecycle: queue, validation, rate-limited processing, the end.
import { promises as fs } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { toUnixSeconds, type EmulatorClock } from '../clock.js'
import type { FileStore } from '../store/fileStore.js'
import type { RecordStore } from '../store/recordStore.js'
import type { JobError, JobProgress, JobRecord, JobStatus } from './jobRecord.js'
import { readLines } from '../store/lineScanner.js'
import { failedLine, isMissingLine, processLine } from '../models/index.js'
import type { FailedLines, MissingLines } from '../options.js'

export interface RunnerDeps {
  jobs: RecordStore<JobRecord>
  files: FileStore
  clock: EmulatorClock
  /** Requests processed per second (Infinity: as fast as the machine goes). */
  rate: number
  queueDelayMs: number
  hourMs: number
  /** Lines failed on purpose (`rate` 0: none). */
  failedLines: Required<FailedLines>
  /** Lines left out on purpose (`rate` 0: none). */
  missingLines: MissingLines
  inlineInputPath(jobId: string): string
}

/** A job's two result files: `output` takes the answered lines, `error` the refused ones. */
export const SINKS = ['output', 'error'] as const
type Sink = (typeof SINKS)[number]

/** The file id, byte and line counts of one sink, as the progress keeps them. */
export const sinkOf = (progress: JobProgress, sink: Sink) => ({
  id: progress[`${sink}FileId`],
  bytes: progress[`${sink}Bytes`],
  lines: progress[`${sink}Lines`],
})

/** Lines processed between two durable flushes at most. */
const FLUSH_LINES = 1000
/** Shortest sleep while waiting for the rate budget, so slow rates flush in steps, not per line. */
const MIN_TICK_MS = 50

type Interruption = 'stop' | 'cancel' | 'timeout'

/** Result lines not yet written (and lines left out, `missingLines`), and where the input stands
 * after the last of them. */
type Pending = { lines: Record<Sink, string[]>; left: number; fileIndex: number; offset: number }

const failure = (message: string): JobError[] => [{ message, count: 1 }]

/** setTimeout's largest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647

/** One job's life. Progress is saved after each flush, after the bytes it counts, so a restart
 * trims the outputs back to it and resumes there: no line lost, none written twice. */
export class JobRunner {
  /** Resolves when the runner has stopped (job ended, or `stop()` called). */
  readonly done: Promise<void>
  /** Ends the current sleep, if any: how a job notices a cancel, a clock step or a stop. */
  private wakeUp = () => {}
  private stopped = false
  /** Opened at the first line to write, so a job with no error line never holds an error file. */
  private handles: Partial<Record<Sink, FileHandle>> = {}

  constructor(
    private readonly job: JobRecord,
    private readonly deps: RunnerDeps,
  ) {
    this.done = this.run().catch((error: unknown) => this.crash(error))
  }

  /** Re-checks cancel, deadline and stop now rather than at the next tick. */
  wake(): void {
    this.wakeUp()
  }

  /** Stops after the current flush, leaving the job resumable; resolves when stopped. */
  stop(): Promise<void> {
    this.stopped = true
    this.wakeUp()
    return this.done
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.min(MAX_TIMER_MS, Math.max(0, ms)))
      this.wakeUp = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  private get deadline(): number {
    return this.job.created_ms + this.job.timeout_hours * this.deps.hourMs
  }

  private interruption(): Interruption | null {
    if (this.stopped) return 'stop'
    if (this.job.status === 'CANCELLATION_REQUESTED') return 'cancel'
    return this.deps.clock.now() >= this.deadline ? 'timeout' : null
  }

  private async run(): Promise<void> {
    for (;;) {
      const reason = this.interruption()
      if (reason !== null) return this.end(reason)
      if (this.job.status !== 'QUEUED') return this.process()
      const now = this.deps.clock.now()
      const startAt = this.job.created_ms + this.deps.queueDelayMs
      if (now < startAt) await this.sleep(Math.min(startAt, this.deadline) - now)
      else if (!(await this.start())) return
    }
  }

  /** Validates the input and moves to RUNNING; false when the job failed instead. */
  private async start(): Promise<boolean> {
    const job = this.job
    let total = job.request_count ?? 0
    for (const id of job.inline ? [] : job.input_files) {
      const file = this.deps.files.get(id)
      if (file === undefined) {
        await this.finish('FAILED', failure(`Input file ${id} not found`))
        return false
      }
      total += file.num_lines ?? 0
    }
    if (total === 0) {
      await this.finish('FAILED', failure('The input has no request line'))
      return false
    }
    job.status = 'RUNNING'
    job.started_at = toUnixSeconds(this.deps.clock.now())
    job.total_requests = total
    await this.deps.jobs.save(job)
    return true
  }

  private async process(): Promise<void> {
    const { job, deps } = this
    const { fileIndex, offset } = job.progress
    await this.trimSinks()
    const budget = this.budget()
    const pending: Pending = { lines: { output: [], error: [] }, left: 0, fileIndex, offset }
    const count = () => pending.lines.output.length + pending.lines.error.length + pending.left
    const lineContext = { jobId: job.id, endpoint: job.endpoint, model: job.model }
    const inputs = job.inline
      ? [deps.inlineInputPath(job.id)]
      : job.input_files.map((id) => deps.files.dataPath(id))
    for (; pending.fileIndex < inputs.length; pending.fileIndex += 1, pending.offset = 0) {
      for await (const line of readLines(inputs[pending.fileIndex] as string, pending.offset)) {
        if (count() >= FLUSH_LINES || budget.exhausted(count())) {
          await this.flush(pending)
          const reason = await this.waitForBudget(budget)
          if (reason !== null) return this.end(reason)
        }
        const index = job.completed_requests + count()
        const nowSeconds = toUnixSeconds(deps.clock.now())
        const context = { ...lineContext, index, nowSeconds }
        pending.offset = line.end
        if (isMissingLine(context, deps.missingLines.rate)) {
          pending.left += 1
          continue
        }
        const result =
          failedLine(line.text, context, deps.failedLines) ?? processLine(line.text, context)
        pending.lines[result.ok ? 'output' : 'error'].push(result.json)
      }
    }
    await this.flush(pending)
    // The input ran out early (progress past its end, or the input changed): SUCCESS would hide
    // the unanswered requests, so it FAILS, keeping the results so far.
    const { completed_requests: completed, total_requests: total } = job
    if (completed !== total) {
      const message = `The job's input ended after ${completed} of its ${total} requests: its saved progress no longer matches its input`
      return this.finish('FAILED', failure(message))
    }
    if (job.succeeded_requests > 0) return this.finish('SUCCESS')
    return this.finish('FAILED', failure('No request of the input succeeded'))
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

  private async waitForBudget(budget: ReturnType<JobRunner['budget']>) {
    await new Promise((resolve) => setImmediate(resolve))
    for (;;) {
      const reason = this.interruption()
      if (reason !== null || !budget.exhausted(0)) return reason
      const untilDeadline = this.deadline - this.deps.clock.now()
      await this.sleep(Math.min(Math.max(MIN_TICK_MS, budget.msUntilNext()), untilDeadline))
    }
  }

  /** Appends the pending lines, then records the progress they make (in that order, at once). */
  private async flush(pending: Pending): Promise<void> {
    const { job } = this
    const progress = { ...job.progress, fileIndex: pending.fileIndex, offset: pending.offset }
    for (const sink of SINKS) {
      const lines = pending.lines[sink]
      if (lines.length === 0) continue
      const data = Buffer.from(lines.map((line) => `${line}\n`).join(''))
      this.handles[sink] ??= await fs.open(this.deps.files.dataPath(progress[`${sink}FileId`]), 'a')
      await this.handles[sink].write(data)
      progress[`${sink}Bytes`] += data.length
      progress[`${sink}Lines`] += lines.length
    }
    const { output, error } = pending.lines
    // a line left out counts as answered: the server believes it wrote it
    job.completed_requests += output.length + error.length + pending.left
    job.succeeded_requests += output.length + pending.left
    job.failed_requests += error.length
    job.progress = progress
    pending.lines = { output: [], error: [] }
    pending.left = 0
    await this.deps.jobs.save(job)
  }

  private async end(reason: Interruption): Promise<void> {
    if (reason === 'stop') return this.closeFiles()
    return this.finish(reason === 'cancel' ? 'CANCELLED' : 'TIMEOUT_EXCEEDED')
  }

  private async closeFiles(): Promise<void> {
    const open = Object.values(this.handles)
    this.handles = {}
    for (const handle of open) await handle.close()
  }

  /** Cuts each result file back to the bytes its progress counts (a crash leaves more). */
  private async trimSinks(): Promise<void> {
    for (const sink of SINKS) {
      const { id, bytes } = sinkOf(this.job.progress, sink)
      const file = this.deps.files.dataPath(id)
      const size = (await fs.stat(file).catch(() => undefined))?.size ?? 0
      if (size > bytes) await fs.truncate(file, bytes)
    }
  }

  /** Ends the job: registers the output and error files that have lines, then the final status. */
  private async finish(status: JobStatus, errors: JobError[] = []): Promise<void> {
    await this.closeFiles()
    await this.trimSinks()
    const { job } = this
    job.output_file = await this.registerSink('output')
    job.error_file = await this.registerSink('error')
    job.status = status
    job.errors = errors
    job.completed_at = toUnixSeconds(this.deps.clock.now())
    await this.deps.jobs.save(job)
  }

  private async registerSink(sink: Sink): Promise<string | null> {
    const { files, clock } = this.deps
    const { id, bytes, lines } = sinkOf(this.job.progress, sink)
    if (lines === 0) {
      await fs.rm(files.dataPath(id), { force: true })
      return null
    }
    await files.register({
      id,
      bytes,
      created_at: toUnixSeconds(clock.now()),
      filename: `${this.job.id}_${sink}.jsonl`,
      purpose: 'batch',
      sample_type: sink === 'output' ? 'batch_result' : 'batch_error',
      source: 'mistral',
      num_lines: lines,
      mimetype: 'application/jsonl',
      signature: null,
      expires_at: null,
      visibility: 'workspace',
    })
    return id
  }

  private async crash(error: unknown): Promise<void> {
    await this.closeFiles().catch(() => undefined)
    if (this.stopped) return
    const message =
      (error as { code?: unknown }).code === 'ENOENT'
        ? 'An input file of the job no longer exists'
        : `The job could not be processed: ${error instanceof Error ? error.message : String(error)}`
    await this.finish('FAILED', failure(message)).catch(() => undefined)
  }
}
