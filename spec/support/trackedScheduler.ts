// The asyncScheduler, with the actions still pending in view: a test sees that unsubscribing
// cancelled every timer (no poll, retry or timeout left that could send a request).
import { asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs'

/** A scheduler for a client under test, and the delays of its actions still pending. */
export interface TrackedScheduler {
  readonly scheduler: SchedulerLike
  /** The delay (ms) of each scheduled action not yet run or cancelled, in scheduling order. */
  pending(): number[]
  /** Resolves once an action of `delay` ms is scheduled (from now on). */
  scheduled(delay: number): Promise<void>
}

/** Runs every action on the asyncScheduler, and keeps each in view until it has run or is cancelled. */
export const trackedScheduler = (): TrackedScheduler => {
  const pending = new Map<Subscription, number>()
  const waiters = new Map<number, Array<() => void>>()
  const scheduler: SchedulerLike = {
    now: () => asyncScheduler.now(),
    schedule<T>(
      work: (this: SchedulerAction<T>, state?: T) => void,
      delay = 0,
      state?: T,
    ): Subscription {
      const action = asyncScheduler.schedule(
        function (this: SchedulerAction<T>, value?: T) {
          work.call(this, value)
          // an rxjs action that scheduled itself again is pending once more
          if (!(this as unknown as { pending: boolean }).pending) pending.delete(this)
        },
        delay,
        state,
      )
      pending.set(action, delay)
      action.add(() => pending.delete(action))
      waiters.get(delay)?.forEach((resolve) => resolve())
      waiters.delete(delay)
      return action
    },
  }
  return {
    scheduler,
    pending: () => [...pending.values()],
    scheduled: (delay) =>
      new Promise<void>((resolve) => waiters.set(delay, [...(waiters.get(delay) ?? []), resolve])),
  }
}
