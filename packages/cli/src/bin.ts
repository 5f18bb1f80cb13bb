#!/usr/bin/env node
// mistral-batch: the command line's executable.
import { main } from './index.js'

// A reader that stops early (`mistral-batch results <id> | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

// A write's callback runs once the kernel took its data, and writes are taken in order: the
// callback of an empty write at the end means everything before it is out (or the reader left).
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()))

// A pipe to a slow reader (`| wc -l`, `| jq`) holds what its buffer cannot take inside the
// process: `process.exit` at once would throw that away, ending the output short while the exit
// code says all went well.
const exitAfterFlush = async (code: number): Promise<never> => {
  process.exitCode = code
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  return process.exit(code)
}

main(process.argv).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
  return exitAfterFlush(1)
})
