// The example app's one component: runs a batch of chat requests through runBatch$ in file mode
// and renders its progress (the run's events, and the job's own snapshots through jobProgress),
// the results counted as they stream in, and a Stop button that unsubscribes, which cancels the
// job (cancelOnUnsubscribe) and aborts whatever request is in flight.
import { Component, computed, signal } from '@angular/core'
import { injectMistralBatch, jobProgress } from '@mistral-batch-rx/angular'
import type { BatchRequestInput } from 'mistral-batch-rx'
import type { Subscription } from 'rxjs'

const params = new URLSearchParams(globalThis.location?.search ?? '')
const REQUESTS = Number(params.get('requests') ?? 12_000)

/** The requests of the run, made one by one as the upload reads them. */
function* chatRequests(count: number): Iterable<BatchRequestInput> {
  for (let i = 0; i < count; i++) {
    const content = `Summarise review ${i} in one word.`
    yield { custom_id: `review-${i}`, body: { messages: [{ role: 'user', content }] } }
  }
}

@Component({
  selector: 'app-root',
  template: `
    <h1>Batch of {{ requests }} requests</h1>
    <button id="start" (click)="start()" [disabled]="running()">Run</button>
    <button id="stop" (click)="stop()" [disabled]="!running()">Stop</button>
    <p id="status">{{ status() }}</p>
    <p id="progress">{{ done() }} / {{ total() }} done</p>
    <p id="job">{{ jobLine() }}</p>
    <p id="results">{{ results() }} results</p>
  `,
})
export class BatchRunComponent {
  private readonly client = injectMistralBatch()
  private run: Subscription | undefined

  protected readonly requests = REQUESTS
  protected readonly status = signal('idle')
  protected readonly running = signal(false)
  protected readonly done = signal(0)
  protected readonly total = signal(REQUESTS)
  protected readonly results = signal(0)
  /** The id of the run's job, once created; jobProgress watches whichever it names. */
  private readonly jobId = signal<string | undefined>(undefined)
  private readonly job = jobProgress(this.jobId, { intervalMs: 250, maxIntervalMs: 1_000 })
  /** The job's latest snapshot, from its own watcher (jobProgress), once the job exists. */
  protected readonly jobLine = computed(() => {
    const snapshot = this.job()
    const error = this.job.error()
    if (error !== undefined) return `job watch failed: ${error.message}`
    return snapshot === undefined
      ? 'no job yet'
      : `job ${snapshot.status}: ${snapshot.succeeded_requests} succeeded, ${snapshot.failed_requests} failed`
  })

  start(): void {
    this.running.set(true)
    this.jobId.set(undefined)
    this.status.set('uploading')
    this.results.set(0)
    this.run = this.client
      .runBatch$(chatRequests(REQUESTS), {
        job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
        mode: 'file',
        cancelOnUnsubscribe: true,
        watch: { intervalMs: 250, maxIntervalMs: 1_000 },
      })
      .subscribe({
        next: (event) => {
          switch (event.type) {
            case 'uploaded':
              this.status.set(`uploaded ${event.requests} requests`)
              break
            case 'created':
              this.status.set(`job ${event.job.id} created`)
              this.jobId.set(event.job.id)
              break
            case 'progress':
              this.status.set(`running ${event.job.id}`)
              this.done.set(event.totals.succeeded_requests + event.totals.failed_requests)
              this.total.set(event.totals.total_requests)
              break
            case 'result':
              this.results.update((n) => n + 1)
              break
            case 'completed':
              this.status.set(
                `completed ${event.jobs.map((j) => j.status).join(', ')}: ` +
                  `${event.summary.succeeded} succeeded, ${event.summary.missing.length} missing`,
              )
          }
        },
        error: (error: unknown) => {
          this.status.set(`error: ${error instanceof Error ? error.message : String(error)}`)
          this.running.set(false)
        },
        complete: () => this.running.set(false),
      })
  }

  stop(): void {
    this.run?.unsubscribe()
    this.running.set(false)
    this.status.set('stopped')
  }
}
