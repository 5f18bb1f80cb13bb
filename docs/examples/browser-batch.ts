// A batch run in a web page: runBatch$ uploads the requests as a file, the page shows the job's
// progress and counts the results as they stream, and stopping the run unsubscribes, which aborts
// its requests and, when asked, cancels the job. spec/browser/ bundles this file with esbuild and
// drives it in headless Chromium against the emulator.
import type { Subscription } from 'rxjs'
import { createClient, type BatchEvent, type BatchRequestInput } from 'mistral-batch-rx'

/** One run of the page: where it goes, with which key, how many requests, how stopping ends. */
export interface RunConfig {
  /** Your backend's proxy of Mistral's API in production (it holds the key); the emulator here. */
  readonly baseUrl: string
  readonly apiKey: string
  readonly requests: number
  /** Stopping the run cancels its job too, else the job runs on and can be resumed. */
  readonly cancelOnUnsubscribe: boolean
  /** Milliseconds between two polls of the job (at most, with `steady`). */
  readonly intervalMs: number
  /**
   * Poll every `intervalMs` whatever the job's progress (`pace: 'backoff'` without growth), as a
   * live progress bar may want; by default the polls are timed by the job's own progress.
   */
  readonly steady?: boolean
}

/** The page's handle, `window.batchPage`: each run gets a `<section data-run="name">`. */
export interface BatchPage {
  start(name: string, config: RunConfig): void
  stop(name: string): void
}

function* questions(count: number): Generator<BatchRequestInput> {
  for (let i = 0; i < count; i++) {
    yield { custom_id: `q${i}`, body: { messages: [{ role: 'user', content: `Question ${i}?` }] } }
  }
}

/** The `<p data-line="...">` of a run's section: its status, its progress or its results. */
const line = (section: HTMLElement, name: 'status' | 'progress' | 'results'): HTMLElement => {
  const found = section.querySelector<HTMLElement>(`[data-line="${name}"]`)
  if (found !== null) return found
  const created = section.appendChild(document.createElement('p'))
  created.dataset.line = name
  return created
}

/** What one run shows: each event changes a line, results are counted as they come. */
const renderer = (section: HTMLElement) => {
  let joined = 0
  return (event: BatchEvent): void => {
    switch (event.type) {
      case 'uploaded':
        line(section, 'status').textContent = `uploaded ${event.requests} requests`
        return
      case 'created':
        section.dataset.jobs = event.jobIds.join(' ')
        line(section, 'status').textContent = event.job.status
        return
      case 'progress': {
        const { succeeded_requests, total_requests } = event.totals
        line(section, 'status').textContent = event.job.status
        line(section, 'progress').textContent =
          `succeeded ${succeeded_requests} / ${total_requests}`
        return
      }
      case 'result':
        // joined: the first result of a request this run sent, matched by its custom_id
        if (event.match === 'first' && event.index !== undefined) joined++
        line(section, 'results').textContent = `results ${joined} joined`
        return
      case 'completed': {
        const { succeeded, failed, missing } = event.summary
        line(section, 'status').textContent =
          `completed ${event.jobs.map((job) => job.status).join(', ')}`
        line(section, 'results').textContent =
          `results ${joined} joined: ${succeeded} succeeded, ${failed} failed, ${missing.length} missing`
      }
    }
  }
}

const runs = new Map<string, Subscription>()

const batchPage: BatchPage = {
  start(name, config) {
    const section = document.body.appendChild(document.createElement('section'))
    section.dataset.run = name
    const client = createClient({ apiKey: config.apiKey, baseUrl: config.baseUrl })
    const run$ = client.runBatch$(questions(config.requests), {
      job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
      mode: 'file',
      // No streamBody: Chromium passes the feature test but streams a body over HTTP/2 only, so
      // against this HTTP/1.1 server the client sees its upload refused and sends a Blob instead.
      cancelOnUnsubscribe: config.cancelOnUnsubscribe,
      watch:
        config.steady === true
          ? { intervalMs: config.intervalMs, pace: 'backoff', backoff: 1 }
          : { intervalMs: config.intervalMs },
    })
    line(section, 'status').textContent = 'uploading'
    runs.set(
      name,
      run$.subscribe({
        next: renderer(section),
        error: (error: unknown) => {
          line(section, 'status').textContent =
            `failed: ${error instanceof Error ? error.message : String(error)}`
        },
      }),
    )
  },
  stop(name) {
    runs.get(name)?.unsubscribe()
    runs.delete(name)
    const section = document.querySelector<HTMLElement>(`[data-run="${name}"]`)
    if (section !== null) line(section, 'status').textContent = 'stopped'
  },
}

// For the browser's console, and for the test's page.evaluate.
Object.assign(window, { batchPage })
