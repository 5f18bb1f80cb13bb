// Ends the process only once everything written to stdout and stderr has left it.

// A write's callback runs once the kernel took its data, and writes are taken in order: the
// callback of an empty write at the end means everything before it is out (or the reader left).
const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise<void>((resolve) => {
    stream.write('', () => resolve())
  })

/**
 * Exits with `code` after stdout and stderr have flushed. A pipe to a slow reader (`| wc -l`,
 * `| jq`) holds what its buffer cannot take inside the process: `process.exit` at once would
 * throw that away, ending the output short while the exit code says all went well.
 */
export const exitAfterFlush = async (code: number): Promise<never> => {
  process.exitCode = code
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  return process.exit(code)
}
