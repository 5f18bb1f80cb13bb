// How a child process of the cross-process specs talks to its spec: one JSON line per thing it
// did, on stdout, and a graceful stop on SIGTERM (SIGKILL, the crash, needs no help).

/**
 * Writes `line` as one JSON line. On Linux a write to a pipe is synchronous: the line is in the
 * pipe before the next statement runs, so a line written before a step survives a SIGKILL during it.
 */
export const say = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

/** Runs `stop` on SIGTERM, then exits: 0 once it resolves, 1 if it throws. */
export const onStop = (stop: () => Promise<void>): void => {
  process.once('SIGTERM', () => {
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
}
