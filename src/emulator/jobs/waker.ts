// A sleep that ends early when someone calls wake(): how a job notices a cancel, a clock step or a stop.

/** setTimeout's largest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647

/** A wakeable sleeper for one job. */
export class Waker {
  private wakeUp: (() => void) | null = null

  /** Resolves after `ms` milliseconds, or sooner on `wake()`. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        if (this.wakeUp === done) this.wakeUp = null
        resolve()
      }
      const timer = setTimeout(done, Math.min(MAX_TIMER_MS, Math.max(0, ms)))
      this.wakeUp = done
    })
  }

  /** Ends the current sleep, if any. */
  wake(): void {
    this.wakeUp?.()
  }
}
