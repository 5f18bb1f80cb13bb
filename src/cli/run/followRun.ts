// Follows a batch run's events: progress on screen, results into their files, until the end or Ctrl-C.
import * as E from 'fp-ts/Either'
import type { Observable } from 'rxjs'
import type { BatchEvent, CompletedEvent } from '../../index.js'
import type { CliIo } from '../CliIo.js'
import type { ResultWriter } from '../output/resultWriter.js'
import { createProgressView } from '../render/jobProgressView.js'
import { formatBytes } from '../render/formatUnits.js'
import { plural } from '../render/plural.js'
import { consumeUntilInterrupted } from './consumeUntilInterrupted.js'

/** Unreadable result lines reported one by one; the rest only counted in the summary. */
const SHOWN_WARNINGS = 3

/** How a followed run ended. */
export type RunOutcome =
  | { readonly kind: 'completed'; readonly completed: CompletedEvent }
  | { readonly kind: 'interrupted'; readonly jobIds: ReadonlyArray<string> }

// Jobs of a sharded run may be in different states; show each state once.
const combinedStatus = (statuses: ReadonlyMap<number, string>): string =>
  [...new Set(statuses.values())].join('/')

/**
 * Subscribes to `events`, drawing progress on stderr and writing each result line with `writer`,
 * and resolves with the completed event, or with the run's job ids when Ctrl-C came first (the
 * subscription is then dropped; the jobs keep running unless the caller cancels them). The
 * progress counts out of `requests` when given, until the server has counted them itself.
 */
export const followRun = async (
  io: CliIo,
  events: Observable<BatchEvent>,
  writer: ResultWriter,
  requests = 0,
): Promise<RunOutcome> => {
  const view = createProgressView(io.stderr)
  const statuses = new Map<number, string>()
  let jobIds: ReadonlyArray<string> = []
  let completed: CompletedEvent | undefined
  let warnings = 0
  const onEvent = (event: BatchEvent): void => {
    switch (event.type) {
      case 'uploaded':
        view.note(
          `Uploaded ${event.file.filename}: ${plural(event.requests, 'request')}, ` +
            `${formatBytes(event.file.bytes)} (file ${event.file.id})`,
        )
        return
      case 'created':
        jobIds = event.jobIds
        statuses.set(event.shard, event.job.status)
        view.note(`Created job ${event.job.id} (${event.job.status})`)
        return
      case 'progress':
        statuses.set(event.shard, event.job.status)
        view.update({
          status: combinedStatus(statuses),
          // A job reports 0 requests until the server has validated its input.
          total: Math.max(event.totals.total_requests, requests),
          completed: event.totals.completed_requests,
          succeeded: event.totals.succeeded_requests,
          failed: event.totals.failed_requests,
        })
        return
      case 'result':
        if (E.isRight(event.result)) writer.write(event.result.right)
        else if (warnings++ < SHOWN_WARNINGS) view.note(`warning: ${event.result.left.message}`)
        return
      case 'completed':
        completed = event
        return
    }
  }
  try {
    const how = await consumeUntilInterrupted(events, io.interrupts, onEvent)
    if (how === 'interrupted') return { kind: 'interrupted', jobIds }
    if (completed === undefined) throw new Error('the run ended without its completed event')
    return { kind: 'completed', completed }
  } finally {
    view.stop()
  }
}
