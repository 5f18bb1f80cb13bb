// Lazy auto-pagination: the next page is fetched only once the last one is consumed and wanted.
import { concatMap, Observable, type Subscription } from 'rxjs'

/** Fetches page number `pageIndex` (0-based): a cold Observable of one page. */
export type FetchPage<Page> = (pageIndex: number) => Observable<Page>

/**
 * Whether `page` (number `pageIndex`) is the last one, given that `seen` items have arrived in
 * all pages so far, this one included. A page without items always ends the stream.
 */
export type IsLastPage<Page> = (page: Page, pageIndex: number, seen: number) => boolean

/**
 * An Observable that, when subscribed, fetches page 0 and emits it, then fetches each next page
 * only after the previous one's fetch has completed and only while the subscriber is still
 * subscribed: a `take(1)` downstream costs one request. It completes after the page `isLast`
 * says is last, after a page without items (so an empty page can never loop), or when a fetch
 * completes without a page. A fetch error ends it with that error.
 */
export const paginatePages$ = <Page, Item>(
  fetchPage: FetchPage<Page>,
  items: (page: Page) => ReadonlyArray<Item>,
  isLast: IsLastPage<Page>,
): Observable<Page> =>
  new Observable<Page>((subscriber) => {
    let nextIndex = 0
    let seen = 0
    let current: Subscription | undefined
    // A fetch that completes synchronously asks for the next page from inside `subscribe`:
    // the loop below runs it instead of recursing, so the stack stays flat.
    let looping = false
    let wanted = false

    const fetchOne = (): void => {
      const pageIndex = nextIndex
      let last = true
      current = fetchPage(pageIndex).subscribe({
        next: (page) => {
          const count = items(page).length
          seen += count
          last = count === 0 || isLast(page, pageIndex, seen)
          subscriber.next(page)
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (subscriber.closed) return
          if (last) {
            subscriber.complete()
            return
          }
          nextIndex = pageIndex + 1
          requestNext()
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
 * An Observable that, when subscribed, emits every item of every page in order, fetching pages
 * lazily as {@link paginatePages$} does: once the subscriber stops wanting items (`take(n)`,
 * unsubscribe), no further page is requested.
 */
export const paginate$ = <Page, Item>(
  fetchPage: FetchPage<Page>,
  items: (page: Page) => ReadonlyArray<Item>,
  isLast: IsLastPage<Page>,
): Observable<Item> =>
  paginatePages$(fetchPage, items, isLast).pipe(concatMap((page) => items(page)))
