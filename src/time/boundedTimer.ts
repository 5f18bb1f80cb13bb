import { timer, type Observable, type SchedulerLike } from 'rxjs'
import { clampDelay } from './durations.js'

/**
 * `timer(ms, scheduler)` with `ms` clamped to [0, MAX_DURATION_MS]: an over-long delay (a huge
 * `Retry-After` under a raised cap) waits the longest a timer holds instead of firing at once.
 */
export const boundedTimer = (ms: number, scheduler: SchedulerLike): Observable<0> =>
  timer(clampDelay(ms), scheduler)
