// Angular: a service that hands out the client's cold Observables and never subscribes itself.
import { Injectable } from '@angular/core'
import * as E from 'fp-ts/Either'
import { filter, map, toArray, type Observable } from 'rxjs'
import { ChatCompletionResponse, type BatchJob } from '../../src/index.js'
import { injectMistralBatch } from '@mistral-batch-rx/angular'

/** One answer of a chat job; `text` is null when its request failed. */
export interface Answer {
  readonly customId: string | null
  readonly text: string | null
}

/** Batch jobs for components: every method returns a cold Observable; the template subscribes. */
@Injectable({ providedIn: 'root' })
export class BatchJobsService {
  private readonly client = injectMistralBatch()

  /** The jobs still queued or running, newest first, fetched page by page when subscribed. */
  activeJobs$(): Observable<ReadonlyArray<BatchJob>> {
    return this.client.batch
      .list$({ status: ['QUEUED', 'RUNNING'], order_by: '-created' })
      .pipe(toArray())
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
