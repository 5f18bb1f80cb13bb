// A reader that takes its time: the far end of a pipe like `| wc -l` on a busy machine.
import type { Readable } from 'node:stream'

/** How long the reader rests after each chunk, so that the pipe stays full. */
const REST_MS = 5

/**
 * Reads `stream` to its end, one chunk at a time with a rest after each, starting only once
 * `start` resolves (until then the pipe fills up and the writer must wait), and resolves to
 * everything read.
 */
export const readSlowly = async (
  stream: Readable,
  start: Promise<void> = Promise.resolve(),
): Promise<string> => {
  await start
  const chunks: Buffer[] = []
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer)
    await new Promise((resolve) => setTimeout(resolve, REST_MS))
  }
  return Buffer.concat(chunks).toString('utf8')
}
