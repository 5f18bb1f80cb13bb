// Angular: a service that hands out the client's cold Observables and never subscribes itself.
import { Injectable, InjectionToken, inject, type Provider } from '@angular/core'
import * as E from 'fp-ts/Either'
import { filter, map, toArray, type Observable } from 'rxjs'
import {
  ChatCompletionResponse,
  createClient,
  type BatchJob,
  type ClientConfig,
  type MistralBatchClient,
} from '../../src/index.js'

/** The batch client of the app, provided once (see {@link provideMistralBatch}). */
export const MISTRAL_BATCH_CLIENT = new InjectionToken<MistralBatchClient>('MISTRAL_BATCH_CLIENT')

/**
 * Provides the client, e.g. `providers: [provideMistralBatch({ baseUrl: '/mistral' })]` in
 * `app.config.ts`. In a browser, point `baseUrl` at your own backend, which adds the real API key:
 * a key shipped to browsers is a key given away.
 */
export const provideMistralBatch = (config: ClientConfig): Provider => ({
  provide: MISTRAL_BATCH_CLIENT,
  useFactory: () => createClient({ apiKey: 'added-by-the-backend', ...config }),
})

/** What a progress bar needs to know about a job. */
export interface JobProgress {
  readonly status: string
  readonly done: number
  readonly total: number
  readonly percent: number
}

/** One answer of a chat job; `text` is null when its request failed. */
export interface Answer {
  readonly customId: string | null
  readonly text: string | null
}

/** Batch jobs for components: every method returns a cold Observable; the template subscribes. */
@Injectable({ providedIn: 'root' })
export class BatchJobsService {
  private readonly client = inject(MISTRAL_BATCH_CLIENT)

  /** The jobs still queued or running, newest first, fetched page by page when subscribed. */
  activeJobs$(): Observable<ReadonlyArray<BatchJob>> {
    return this.client.batch
      .list$({ status: ['QUEUED', 'RUNNING'], order_by: '-created' })
      .pipe(toArray())
  }

  /** The progress of a job, polled while someone subscribes, completing when the job ends. */
  progress$(jobId: string): Observable<JobProgress> {
    return this.client.batch.watchJob$(jobId).pipe(
      map((job) => ({
        status: job.status,
        done: job.completed_requests,
        total: job.total_requests,
        percent: job.total_requests === 0 ? 0 : (100 * job.completed_requests) / job.total_requests,
      })),
    )
  }

  /** The answers of a chat job, one per line as it streams in, once the job has ended. */
  answers$(jobId: string): Observable<Answer> {
    return this.client.batch.results$(jobId, { wait: true, body: ChatCompletionResponse }).pipe(
      filter(E.isRight), // a Left is a line that could not be read (see its lineNumber)
      map(({ right: line }) => ({
        customId: line.custom_id,
        text: line.failed ? null : String(line.response.body.choices[0]?.message?.content ?? ''),
      })),
    )
  }

  /** Asks the server to cancel a job when subscribed (a button's click handler subscribes). */
  cancel$(jobId: string): Observable<BatchJob> {
    return this.client.batch.cancel$(jobId)
  }
}
