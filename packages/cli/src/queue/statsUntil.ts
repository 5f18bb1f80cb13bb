// Waiting on a queue's counts: a worker that stops once all is done, a reader once all is read.
import type { BatchQueue, QueueStats } from '@mistral-batch-rx/queue'
import { exhaustMap, filter, take, timer, type Observable } from 'rxjs'

/** Between two looks at the counts: each counts every row of the queue, so not too often. */
const STATS_EVERY_MS = 1_000

/** Emits the counts of `queue` once `reached` holds for them (looking at once, then each second). */
export const statsUntil = (
  queue: BatchQueue,
  reached: (stats: QueueStats) => boolean,
): Observable<QueueStats> =>
  timer(0, STATS_EVERY_MS).pipe(
    exhaustMap(() => queue.stats()),
    filter(reached),
    take(1),
  )
