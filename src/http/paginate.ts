// Lazy auto-pagination that always ends: the next page is fetched only once wanted, never forever.
import { concatMap, map, Observable, type Subscription } from 'rxjs'
import { PaginationError, type PaginationStopReason } from '../errors/PaginationError.js'
import type { RequestOrigin } from './networkErrorFrom.js'

/** A cold Observable of page number `pageIndex` (0-based). */
export type FetchPage<Page> = (pageIndex: number) => Observable<Page>

/** One paged listing: how its pages are fetched and read, and what bounds it. */
export interface Listing<Page, Item> {
  readonly fetchPage: FetchPage<Page>
  readonly items: (page: Page) => ReadonlyArray<Item>
  /** What tells two items apart (a job's or a file's `id`). */
  readonly idOf: (item: Item) => string
  /** The item count across all pages that a page reports, when it reports one. */
  readonly totalOf: (page: Page) => number | null | undefined
  /** The page size asked for, a positive integer: a shorter page (an empty one too) is the last. */
  readonly pageSize: number
  /** The config's `maxPages`. */
  readonly maxPages: number
  /** The method and redacted URL of the listing, without `page`, for its errors. */
  readonly origin: RequestOrigin
}

/** A page the guard let through, its items no earlier page brought, and whether it is the last. */
interface GuardedPage<Page, Item> {
  readonly page: Page
  readonly fresh: ReadonlyArray<Item>
  readonly last: boolean
}

const stopped = (
  { method, url }: RequestOrigin,
  page: number,
  reason: PaginationStopReason,
  why: string,
): PaginationError =>
  new PaginationError(`${method} ${url}: ${why}, stopping`, { method, url, page, reason })

/**
 * Pages in a row that may bring nothing new before the listing stops. One such page is normal on
 * a busy account: when a page's worth of jobs is created between two fetches, newest first, the
 * next page holds only jobs already seen. A server that ignores `page` repeats the same page,
 * which stops the listing at once.
 */
const MAX_STALE_PAGES = 3

/** What the pages of one listing so far say about the next: repeated, stale, past the total. */
class PageGuard<Page, Item> {
  // Every id seen, so that a repeated page is told from a shifted one. The page cap bounds it:
  // at most maxPages × one page's items, a million ids at the defaults (10,000 × 100).
  private readonly seenIds = new Set<string>()
  private previousIds = ''
  private staleInARow = 0
  private seen = 0

  constructor(private readonly listing: Listing<Page, Item>) {}

  /** What the listing makes of `page`, or why it must stop. */
  check(page: Page, pageIndex: number): GuardedPage<Page, Item> | PaginationError {
    const { listing } = this
    const items = listing.items(page)
    const fresh = items.filter((item) => {
      const id = listing.idOf(item)
      if (this.seenIds.has(id)) return false
      this.seenIds.add(id)
      return true
    })
    const ids = JSON.stringify(items.map(listing.idOf))
    this.staleInARow = items.length > 0 && fresh.length === 0 ? this.staleInARow + 1 : 0
    const sameAsPrevious = items.length > 0 && ids === this.previousIds
    this.previousIds = ids
    const fault = this.faultOf(page, pageIndex, items.length, sameAsPrevious)
    if (fault !== undefined) return fault
    this.seen += items.length
    const total = listing.totalOf(page)
    const last =
      items.length < listing.pageSize || (typeof total === 'number' && this.seen >= total)
    return { page, fresh, last }
  }

  // Why page `pageIndex` must stop the listing, if it must: checked before the page is emitted.
  private faultOf(
    page: Page,
    pageIndex: number,
    count: number,
    sameAsPrevious: boolean,
  ): PaginationError | undefined {
    const { origin, pageSize } = this.listing
    if (count === 0) return undefined
    if (sameAsPrevious || this.staleInARow >= MAX_STALE_PAGES) {
      const why = sameAsPrevious
        ? 'repeated the page before it'
        : `was the ${MAX_STALE_PAGES}rd page in a row that brought no new item`
      const message = `page ${pageIndex} ${why}; the server seems to ignore \`page\``
      return stopped(origin, pageIndex, 'repeated-page', message)
    }
    // A page with items needs more than pageIndex × pageSize items in all (its index is below
    // ceil(total / pageSize)): a total that says fewer contradicts the very page it came with.
    const total = this.listing.totalOf(page)
    if (typeof total === 'number' && total <= pageIndex * pageSize) {
      return stopped(
        origin,
        pageIndex,
        'past-total',
        `page ${pageIndex} brought items, but its \`total\` of ${total} in pages of ` +
          `${pageSize} ends before page ${pageIndex}`,
      )
    }
    return undefined
  }
}

const guardedPages$ = <Page, Item>(
  listing: Listing<Page, Item>,
): Observable<GuardedPage<Page, Item>> =>
  new Observable<GuardedPage<Page, Item>>((subscriber) => {
    const guard = new PageGuard(listing)
    let nextIndex = 0
    let current: Subscription | undefined
    // A fetch that completes synchronously asks for the next page from inside `subscribe`:
    // the loop below runs it instead of recursing, so the stack stays flat.
    let looping = false
    let wanted = false

    const fetchOne = (): void => {
      const pageIndex = nextIndex
      let last = true
      current = listing.fetchPage(pageIndex).subscribe({
        next: (page) => {
          const checked = guard.check(page, pageIndex)
          if (checked instanceof PaginationError) return subscriber.error(checked)
          last = checked.last
          subscriber.next(checked)
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (subscriber.closed) return
          if (last) return subscriber.complete()
          nextIndex = pageIndex + 1
          if (nextIndex < listing.maxPages) return requestNext()
          const why = `${listing.maxPages} pages fetched (the maxPages cap) and the server says more remain`
          subscriber.error(stopped(listing.origin, nextIndex, 'page-cap', why))
        },
      })
    }

    const requestNext = (): void => {
      wanted = true
      if (looping) return
      looping = true
      while (wanted && !subscriber.closed) {
        wanted = false
        fetchOne()
      }
      looping = false
    }

    requestNext()
    return () => current?.unsubscribe()
  })

/**
 * Every page of `listing`, each fetched only once the previous one's fetch has completed and the
 * subscriber still wants more; a listing that would never end is a `PaginationError`.
 */
export const paginatePages$ = <Page, Item>(listing: Listing<Page, Item>): Observable<Page> =>
  guardedPages$(listing).pipe(map(({ page }) => page))

/**
 * Every item of every page in order, each id once (an item shifted onto the next page by a new
 * one is not emitted again), fetched and stopped as {@link paginatePages$} does.
 */
export const paginate$ = <Page, Item>(listing: Listing<Page, Item>): Observable<Item> =>
  guardedPages$(listing).pipe(concatMap(({ fresh }) => fresh))
