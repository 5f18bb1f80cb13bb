// The shapes the micro-batcher exchanges with its job runner and with its callers.
import type { Observable } from 'rxjs'

/** One request of a job, as the batcher hands it to the runner: the body with its assigned id. */
export interface BatcherRequest {
  /** The id the batcher assigned to this submission, unique per batcher. */
  readonly custom_id: string
  /** The submitted body, as given to `submit$`. */
  readonly body: Record<string, unknown>
}

/**
 * One outcome the runner reports, joined to the request it answers by `custom_id`: the `value`
 * its submitter receives, or the `error` that submitter fails with.
 */
export type BatcherOutput<R> =
  | {
      /** The `custom_id` of the request this answers. */
      readonly custom_id: string
      /** What the submitter of that request receives. */
      readonly value: R
    }
  | {
      /** The `custom_id` of the request this answers. */
      readonly custom_id: string
      /** What the submitter of that request fails with (its answer could not be read). */
      readonly error: unknown
    }

/**
 * Runs one batch job: an Observable that, when subscribed, sends the requests as a job and emits
 * one output per request, then completes. An error fails every submitter still waiting in the job;
 * unsubscribing means no one waits for the job any more.
 */
export type BatcherRunJob<R> = (
  requests: ReadonlyArray<BatcherRequest>,
) => Observable<BatcherOutput<R>>

/** Single requests in, single results out, gathered into batch jobs behind the scenes. */
export interface Batcher<R> {
  /**
   * An Observable that, when subscribed, submits `body` as one request of the next job and emits
   * its result, then completes. Every subscription is a new request with a new `custom_id` (so
   * `retry` submits again). Unsubscribing before the job is sent withdraws the request; after,
   * it only drops the result. Errors with the job's error if the job fails, with a
   * `NoResultError` if the job ends without a result for this request, with the error the runner
   * reports for it (the client's batcher: a `ResultLineError` for an answer that did not fit its
   * `body` or `content` codec), or with an `InvalidRequestError` once closed.
   */
  submit$(body: Record<string, unknown>): Observable<R>
  /** Sends every submission waiting now, without waiting for its size or time window. */
  flush(): void
  /** Flushes, then refuses new submissions; jobs already sent run to their end. */
  close(): void
}
