// How a queue reads on screen: its counts, and what a worker did, a line each.
import type { QueueEvent, QueueStats } from '@mistral-batch-rx/queue'
import { plural } from './formatUnits.js'
import { formatFields } from './resourceViews.js'

/** The counts of the queue `name` (in the database `label`), one `name: value` line each. */
export const formatQueueStats = (name: string, label: string, stats: QueueStats): string[] =>
  formatFields([
    ['queue', `${name} (${label})`],
    [
      'requests',
      `${stats.pending} pending, ${stats.inJob} in a job, ${stats.done} done, ` +
        `${stats.cancelled} cancelled`,
    ],
    [
      'results',
      `${stats.delivered} of ${stats.done} delivered, ${stats.failed} failed, ` +
        `${stats.redeliveries} handed out again`,
    ],
    ['retries', `${stats.retries} (attempts beyond each request's first)`],
    ['jobs', `${stats.jobs.open} open, ${stats.jobs.ended} ended`],
  ])

/** What a worker did, in one line; `describe` puts an error in one line. */
export const formatQueueEvent = (
  event: QueueEvent,
  describe: (error: unknown) => string,
): string => {
  switch (event.type) {
    case 'created': {
      const adopted = event.adopted ? ' (taken over from a worker that stopped)' : ''
      return `Created job ${event.batchId}: ${plural(event.requests, 'request')}${adopted}`
    }
    case 'collected': {
      const missing = event.missing === 0 ? '' : ` (${event.missing} with no result line)`
      return (
        `Collected job ${event.batchId ?? '-'} ${event.status}: ` +
        `${plural(event.stored, 'result')} stored${missing}, ${event.requeued} queued again`
      )
    }
    case 'retrying': {
      const what = event.batchId === null ? 'Creating a job' : `Job ${event.batchId}`
      return `${what}: ${describe(event.error)} (trying again)`
    }
  }
}
