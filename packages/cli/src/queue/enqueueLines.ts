// Enqueues the lines of a JSONL input in calls of ENQUEUE_CHUNK, each stored all or none, and
// names a refused line by its number.
import type { BatchQueue, QueueItem } from '@mistral-batch-rx/queue'
import { isInvalidRequestError } from 'mistral-batch-rx'
import { usageError } from '../exitCodes.js'
import type { NumberedLine } from '../input/nonBlankLines.js'
import { queueItemOf } from '../input/queueItems.js'
import { plural } from '../render/formatUnits.js'

/** Requests per call of `enqueue`: one transaction each, so a huge input never is one. */
const ENQUEUE_CHUNK = 1_000

/** The queue's reference to an item in its message: `enqueue: items[3].id`. */
const ITEM_REFERENCE = /^enqueue: items\[(\d+)\]((?:\.\w+)*)/

/** The requests counted by `enqueue` so far. */
export interface EnqueueTotals {
  readonly added: number
  readonly duplicates: number
}

/**
 * Enqueues every request of `lines` (read from `where`, for messages). An invalid line, or one
 * the queue refuses, is a usage error naming it and saying what was stored before its call.
 */
export const enqueueLines = async (
  queue: BatchQueue,
  lines: AsyncIterable<NumberedLine>,
  where: string,
): Promise<EnqueueTotals> => {
  let added = 0
  let duplicates = 0
  let items: QueueItem[] = []
  let numbers: number[] = []
  const refused = (problem: string, lineNumber: number) => {
    const stored = added + duplicates
    const before =
      stored === 0
        ? 'nothing was enqueued'
        : `enqueued before line ${numbers[0] ?? lineNumber}: ${plural(stored, 'request')} ` +
          '(ids already in the queue are skipped: enqueue the fixed input again)'
    return usageError(`${where}: ${problem}; ${before}`)
  }
  const send = async () => {
    try {
      const counted = await queue.enqueue(items)
      added += counted.added
      duplicates += counted.duplicates
    } catch (error) {
      if (!isInvalidRequestError(error) || error.field?.startsWith('items[') !== true) throw error
      const problem = error.message.replace(
        ITEM_REFERENCE,
        (_match, index: string, path: string) => {
          const line = `line ${numbers[Number(index)] ?? '?'}`
          return path === '' ? line : `the ${path.slice(1)} of ${line}`
        },
      )
      throw refused(problem, numbers[0] ?? 0)
    }
    items = []
    numbers = []
  }
  for await (const { lineNumber, text } of lines) {
    const item = queueItemOf(text)
    if (typeof item === 'string') throw refused(`line ${lineNumber}: ${item}`, lineNumber)
    items.push(item)
    numbers.push(lineNumber)
    if (items.length === ENQUEUE_CHUNK) await send()
  }
  if (items.length > 0) await send()
  return { added, duplicates }
}
