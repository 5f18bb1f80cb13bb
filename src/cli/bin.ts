#!/usr/bin/env node
// mistral-batch: the command line's executable.
import { exitAfterFlush } from './exitAfterFlush.js'
import { main } from './index.js'

// A reader that stops early (`mistral-batch results <id> | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

main(process.argv).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
  return exitAfterFlush(1)
})
