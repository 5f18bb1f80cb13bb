// Waiting for a state that can only be asked for, such as a job's status over HTTP (the API itself
// is polled). Where an event exists, wait for it instead: `serverTraffic.ts` for what a server
// receives, `within` for a promise.

/**
 * Resolves once `check()` holds, polling every `intervalMs`; rejects after `timeoutMs`, saying
 * what it was waiting for (`what` may be a function, to report the last state seen).
 */
export const pollUntil = async (
  check: () => boolean | Promise<boolean>,
  what: string | (() => string),
  { timeoutMs = 3_000, intervalMs = 10 } = {},
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) {
      const waitedFor = typeof what === 'string' ? what : what()
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${waitedFor}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
