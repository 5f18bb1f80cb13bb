// A reader that starts late: the far end of a pipe like `| wc -l` that reads only once the CLI is done.
import type { Readable } from 'node:stream'

/**
 * Reads `stream` to its end once `start` resolves (until then the pipe fills up and the writer
 * must hold the rest), and resolves to everything read.
 */
export const readAfter = async (stream: Readable, start: Promise<void>): Promise<string> => {
  await start
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
