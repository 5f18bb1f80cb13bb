// The error for a listing stopped because it would never end: a repeated page, a lying total, the cap.
import { TaggedError } from './TaggedError.js'

/**
 * Why a listing was stopped: a page that brought no item not seen before (`'repeated-page'`), a
 * page with items past the last one its own `total` allows (`'past-total'`), or `maxPages`
 * pages fetched while more remained (`'page-cap'`).
 */
export type PaginationStopReason = 'repeated-page' | 'past-total' | 'page-cap'

/** Fields of a {@link PaginationError}. */
export interface PaginationErrorInit {
  /** The HTTP method of the listing. */
  readonly method: string
  /** The URL of the listing without its `page`, credentials or secret query values. */
  readonly url: string
  /** The 0-based index of the page at fault (for `'page-cap'`, the first page not fetched). */
  readonly page: number
  /** Why the listing was stopped. */
  readonly reason: PaginationStopReason
}

/**
 * A listing was stopped before its server said it had ended, because going on would never end.
 * The message reads `GET https://api.mistral.ai/v1/batch/jobs?page_size=100: page 3 brought no
 * new item; the server seems to ignore \`page\`, stopping`. The items emitted before it are all
 * distinct and real.
 */
export class PaginationError extends TaggedError<'PaginationError'> {
  readonly _tag = 'PaginationError' as const
  /** The HTTP method of the listing. */
  readonly method: string
  /** The URL of the listing, without credentials or secret query values. */
  readonly url: string
  /** The 0-based index of the page at fault (for `'page-cap'`, the first page not fetched). */
  readonly page: number
  /** Why the listing was stopped. */
  readonly reason: PaginationStopReason

  constructor(message: string, init: PaginationErrorInit) {
    super('PaginationError', message)
    this.method = init.method
    this.url = init.url
    this.page = init.page
    this.reason = init.reason
  }
}
