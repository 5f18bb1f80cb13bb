// Joins result lines to the requests of a run by custom_id, and sums up what came back.
import * as E from 'fp-ts/Either'
import type { ResultLineEither } from '../batch/resultLine.js'
import type { ResultMatch, RunSummary } from './BatchEvent.js'
import type { CustomIdRegistry } from '../jsonl/customIdRegistry.js'
import type { Pricing } from '../usage/usageOptions.js'
import { usageSummary } from '../usage/usageSummary.js'
import { UsageTally, type UsageTotals } from '../usage/usageTally.js'

/** Where a line belongs: its custom_id, the index of its request, and how it matches. */
export interface JoinedLine {
  readonly custom_id: string | null
  readonly index: number | undefined
  readonly match: ResultMatch
}

/**
 * Counts the results of a run as they stream, and sums their usage. With the run's registry,
 * each line is matched to the request it answers; without one (ids unknown), only repeated ids
 * can be told, so a set of the ids seen is kept instead.
 */
export class ResultJoin {
  private readonly seenWithoutRegistry = new Set<string>()
  private readonly duplicates = new Set<string>()
  private readonly unexpected: Array<string | null> = []
  private received = 0
  private succeeded = 0
  private failed = 0
  private unreadable = 0

  /**
   * @param registry the custom_ids sent, or undefined when they are unknown
   * @param pricing the prices of `summary().estimatedCost`, if any
   * @param usage where the usage of the lines is summed (the rounds of a run share one)
   */
  constructor(
    private readonly registry: CustomIdRegistry | undefined,
    private readonly pricing?: Pricing,
    private readonly usage = new UsageTally(),
  ) {}

  /** Records one line and tells where it belongs. */
  record<B, C>(line: ResultLineEither<B, C>): JoinedLine {
    this.received++
    this.usage.add(line)
    if (E.isLeft(line)) this.unreadable++
    // an answer that did not fit its codec still names the request it answers
    const custom_id = E.isLeft(line) ? line.left.customId : line.right.custom_id
    if (custom_id === undefined) return { custom_id: null, index: undefined, match: 'unreadable' }
    const { index, match } = this.match(custom_id)
    if (match === 'first' && E.isRight(line)) {
      if (line.right.failed) this.failed++
      else this.succeeded++
    } else if (match === 'duplicate' && custom_id !== null) {
      this.duplicates.add(custom_id)
    } else if (match === 'unexpected') {
      this.unexpected.push(custom_id)
    }
    return { custom_id, index, match }
  }

  /** The usage of the lines recorded so far. */
  usageSoFar(): UsageTotals {
    return this.usage.totals()
  }

  /** The summary so far; `total` is the number of requests sent (or believed sent). */
  summary(total: number): RunSummary {
    return {
      ...usageSummary(this.usage.totals(), this.pricing),
      total,
      received: this.received,
      succeeded: this.succeeded,
      failed: this.failed,
      unreadable: this.unreadable,
      missing: this.registry?.missing() ?? [],
      unexpected: [...this.unexpected],
      duplicates: [...this.duplicates],
      idsKnown: this.registry !== undefined,
    }
  }

  private match(customId: string | null): { index: number | undefined; match: ResultMatch } {
    if (customId === null) return { index: undefined, match: 'unexpected' }
    if (this.registry === undefined) {
      if (this.seenWithoutRegistry.has(customId)) return { index: undefined, match: 'duplicate' }
      this.seenWithoutRegistry.add(customId)
      return { index: undefined, match: 'first' }
    }
    const index = this.registry.indexOf(customId)
    if (index === undefined) return { index, match: 'unexpected' }
    return { index, match: this.registry.recordResult(index) ? 'first' : 'duplicate' }
  }
}
