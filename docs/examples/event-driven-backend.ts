// An event-driven Node service: incoming reviews on a queue, classified through the micro-batcher, results published.
import { EventEmitter, once } from 'node:events'
import { either as E, function as F } from 'fp-ts'
import { catchError, map, mergeMap, of, Subject, type Observable } from 'rxjs'
import {
  ChatCompletionResponse,
  createClient,
  decode,
  type MistralBatchClient,
} from '../../src/index.js'

/** A message the service consumes. */
export interface ReviewSubmitted {
  readonly reviewId: string
  readonly text: string
}

/** A message the service publishes, on `review.classified` or `review.failed`. */
export type ReviewOutcome =
  | { readonly reviewId: string; readonly status: 'classified'; readonly label: string }
  | { readonly reviewId: string; readonly status: 'failed'; readonly reason: string }

/** The running service: feed it reviews, stop it gracefully. */
export interface ReviewClassifier {
  /** Queues one review (called by your queue consumer, HTTP handler, ...). */
  submit(review: ReviewSubmitted): void
  /** Takes no new reviews, sends the ones waiting, and resolves once every outcome is published. */
  stop(): Promise<void>
}

/** Starts the service: each review becomes one request of a batch job, at half the price of a live call. */
export function startReviewClassifier(
  client: MistralBatchClient,
  bus: EventEmitter,
): ReviewClassifier {
  const queue = new Subject<ReviewSubmitted>()
  const batcher = client.batcher({
    job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
    maxBatchSize: 500, // a job every 500 reviews...
    maxWaitMs: 250, // ...or 250 ms after the oldest waiting review (minutes, in production)
    watch: { intervalMs: 100 },
  })

  const classify$ = (review: ReviewSubmitted): Observable<ReviewOutcome> =>
    batcher
      .submit$({
        messages: [
          { role: 'system', content: 'Answer with one word: positive, negative or neutral.' },
          { role: 'user', content: review.text },
        ],
      })
      .pipe(
        map((result): ReviewOutcome => {
          const answer = result.failed
            ? E.left(`the request failed (${result.response?.status_code ?? 'no response'})`)
            : F.pipe(
                decode(ChatCompletionResponse)(result.response.body),
                E.mapLeft((error) => error.message),
              )
          return F.pipe(
            answer,
            E.match<string, ChatCompletionResponse, ReviewOutcome>(
              (reason) => ({ reviewId: review.reviewId, status: 'failed', reason }),
              (chat) => ({
                reviewId: review.reviewId,
                status: 'classified',
                label: String(chat.choices[0]?.message?.content ?? '').trim(),
              }),
            ),
          )
        }),
        // One review's failure (its job failed, the retries gave up) never stops the service.
        catchError((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error)
          return of<ReviewOutcome>({ reviewId: review.reviewId, status: 'failed', reason })
        }),
      )

  const stopped = new Promise<void>((resolve) => {
    queue.pipe(mergeMap(classify$)).subscribe({
      next: (outcome) => bus.emit(`review.${outcome.status}`, outcome),
      complete: resolve,
    })
  })

  return {
    submit: (review) => queue.next(review),
    stop: () => {
      queue.complete() // in-flight reviews still finish: mergeMap waits for them
      batcher.close() // sends the reviews still waiting for their window
      return stopped
    },
  }
}

export async function main(baseUrl: string): Promise<ReviewOutcome[]> {
  const bus = new EventEmitter()
  const published: ReviewOutcome[] = []
  bus.on('review.classified', (outcome: ReviewOutcome) => published.push(outcome))
  bus.on('review.failed', (outcome: ReviewOutcome) => published.push(outcome))

  const service = startReviewClassifier(createClient({ apiKey: 'local-key', baseUrl }), bus)
  const reviews = ['Love it', 'Broke after a day', 'It is a chair', 'Great value', 'Meh']
  reviews.forEach((text, i) => service.submit({ reviewId: `review-${i + 1}`, text }))

  // Wait for the first outcome, then shut down: the others are published before stop() resolves.
  await once(bus, 'review.classified')
  await service.stop()
  return published.sort((a, b) => a.reviewId.localeCompare(b.reviewId))
}
