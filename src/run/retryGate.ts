// Decides, line by line, which results of a run with retryFailed are final and which requests go
// again, and sums the run up per request rather than per line.
import * as E from 'fp-ts/Either'
import type { ResultLine } from '../batch/resultLine.js'
import type { BatchEvent, ResultEvent, RunSummary } from './BatchEvent.js'
import { UsageTally } from '../usage/usageTally.js'
import type { ResolvedRetryFailed } from './retryFailed.js'

/** The usage of a run that got no line at all. */
const EMPTY_USAGE = new UsageTally().totals()

/**
 * The results of the rounds of one run, passed on or held back. A line whose request will be sent
 * again is held back, not emitted: it is emitted later only if the next attempt gets no line at
 * all (its last attempt then still has this one). So at most one line is held per request being
 * retried: memory grows with the failures of a round, never with the run.
 */
export class RetryGate<B = unknown, C = never> {
  private readonly held = new Map<string, ResultEvent<B, C>>()
  /** The requests of the current round to send again, with their input index. */
  private resend = new Map<string, number>()
  private readonly rounds: RunSummary[] = []
  private readonly missing: Array<{ readonly id: string; readonly index: number }> = []
  private succeeded = 0
  private failed = 0
  private retried = 0

  /** @param indexOf the input index of a custom_id of the run (undefined for an id never sent) */
  constructor(
    private readonly retry: ResolvedRetryFailed,
    private readonly indexOf: (customId: string) => number | undefined,
  ) {}

  /**
   * An event of the round of `attempt`, as the run emits it, or undefined when held back. A
   * later round's `index` is the request's index in the run's input, not in the round's.
   */
  pass(event: BatchEvent<B, C>, attempt: number): BatchEvent<B, C> | undefined {
    if (event.type !== 'result') return event
    const line =
      attempt > 1 && event.custom_id !== null && event.index !== undefined
        ? { ...event, index: this.indexOf(event.custom_id) }
        : event
    if (line.match !== 'first' || line.custom_id === null || E.isLeft(line.result)) return line
    const id = line.custom_id
    if (attempt < this.retry.maxAttempts && this.retry.when(line.result.right)) {
      this.held.set(id, line)
      this.resend.set(id, line.index ?? this.indexOf(id) ?? Number.MAX_SAFE_INTEGER)
      return undefined
    }
    this.held.delete(id)
    this.count(line.result.right)
    return line
  }

  /**
   * Ends the round of `attempt`, whose join summed up `summary`: the custom_ids to send again in
   * the next round, in input order (none after the last attempt), and the events that became
   * final (the lines held for requests that got no line in this last attempt).
   */
  endRound(
    attempt: number,
    summary: RunSummary,
  ): {
    readonly resend: ReadonlyArray<string>
    readonly settled: ReadonlyArray<ResultEvent<B, C>>
  } {
    this.rounds.push(summary)
    const settled: Array<ResultEvent<B, C>> = []
    const last = attempt >= this.retry.maxAttempts
    for (const id of summary.missing) {
      if (last) settled.push(...this.settle(id))
      else this.resend.set(id, this.indexOf(id) ?? Number.MAX_SAFE_INTEGER)
    }
    const resend = [...this.resend].sort(([, a], [, b]) => a - b).map(([id]) => id)
    this.resend = new Map()
    return { resend, settled }
  }

  /** Requests that could not be sent again (their input was not found): what they got is final. */
  notResent(ids: Iterable<string>): Array<ResultEvent<B, C>> {
    const settled: Array<ResultEvent<B, C>> = []
    for (const id of ids) settled.push(...this.settle(id))
    return settled
  }

  /** Records that `count` requests are sent again in the round after the first. */
  resent(attempt: number, count: number): void {
    // every later round sends again a part of the second round's requests
    if (attempt === 2) this.retried = count
  }

  /** The run's summary: each request counted once, by its last attempt. */
  summary(): RunSummary {
    const first = this.rounds[0]
    // every round's join adds to one tally: the last round's usage is the run's
    const last = this.rounds.at(-1)
    const sum = (pick: (s: RunSummary) => number): number =>
      this.rounds.reduce((total, s) => total + pick(s), 0)
    return {
      usage: last?.usage ?? EMPTY_USAGE,
      ...(last?.estimatedCost === undefined ? {} : { estimatedCost: last.estimatedCost }),
      total: first?.total ?? 0,
      received: sum((s) => s.received),
      succeeded: this.succeeded,
      failed: this.failed,
      unreadable: sum((s) => s.unreadable),
      missing: [...this.missing].sort((a, b) => a.index - b.index).map(({ id }) => id),
      unexpected: this.rounds.flatMap((s) => s.unexpected),
      duplicates: [...new Set(this.rounds.flatMap((s) => s.duplicates))],
      idsKnown: first?.idsKnown ?? false,
      retried: this.retried,
      attempts: sum((s) => s.total),
    }
  }

  private settle(id: string): Array<ResultEvent<B, C>> {
    const line = this.held.get(id)
    if (line === undefined) {
      this.missing.push({ id, index: this.indexOf(id) ?? Number.MAX_SAFE_INTEGER })
      return []
    }
    this.held.delete(id)
    if (E.isRight(line.result)) this.count(line.result.right)
    return [line]
  }

  private count(line: ResultLine): void {
    if (line.failed) this.failed++
    else this.succeeded++
  }
}
