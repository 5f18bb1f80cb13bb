// paginate$ and paginatePages$: lazy page fetching, stopping rules, the guards of a page loop, errors.
import { repeatedPageError } from '../support/pagedReplies.js'
import { defer, EMPTY, lastValueFrom, of, take, throwError, toArray, type Observable } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { PaginationError } from '../../src/errors/PaginationError.js'
import { paginate$, paginatePages$, type FetchPage, type Listing } from '../../src/http/paginate.js'
import { valuesAndError } from '../support/valuesAndError.js'

interface Page {
  readonly data: ReadonlyArray<number>
  readonly total: number | null
}

const ORIGIN = { method: 'GET', url: 'https://api.test/v1/items?page_size=2' }

/** The listing of `fetchPage` in pages of `pageSize`, each number its own id. */
const listingOf = (
  fetchPage: FetchPage<Page>,
  pageSize: number,
  overrides: Partial<Listing<Page, number>> = {},
): Listing<Page, number> => ({
  fetchPage,
  items: (page) => page.data,
  idOf: String,
  totalOf: (page) => page.total,
  pageSize,
  maxPages: 10_000,
  origin: ORIGIN,
  ...overrides,
})

/** A page source over `count` numbers in pages of `size`, reporting `total`, counting fetches. */
const numberPages = (count: number, size: number, total: number | null = count) => {
  const fetched: number[] = []
  const fetchPage = (index: number): Observable<Page> =>
    defer(() => {
      fetched.push(index)
      const start = index * size
      const data = Array.from(
        { length: Math.max(0, Math.min(size, count - start)) },
        (_, i) => start + i,
      )
      return of({ data, total })
    })
  return { fetched, fetchPage }
}

/** A source answering `pages[i]` to fetch `i`, and nothing (an empty fetch) past them. */
const scripted = (pages: ReadonlyArray<Page>) => {
  const fetched: number[] = []
  const fetchPage = (index: number): Observable<Page> =>
    defer(() => {
      fetched.push(index)
      const page = pages[index]
      return page === undefined ? EMPTY : of(page)
    })
  return { fetched, fetchPage }
}

let testScheduler: TestScheduler

beforeEach(() => {
  testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
})

describe('paginate$', () => {
  it('fetches nothing before subscribe', () => {
    const { fetched, fetchPage } = numberPages(10, 3)
    paginate$(listingOf(fetchPage, 3))
    expect(fetched).toEqual([])
  })

  it('emits every item of every page, in order, one fetch a page', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    const all = await lastValueFrom(paginate$(listingOf(fetchPage, 100)).pipe(toArray()))
    expect(all).toEqual(Array.from({ length: 250 }, (_, i) => i))
    expect(fetched).toEqual([0, 1, 2])
  })

  it('stops when `total` is reached, without asking for an empty page after a full one', async () => {
    const { fetched, fetchPage } = numberPages(200, 100)
    const all = await lastValueFrom(paginate$(listingOf(fetchPage, 100)).pipe(toArray()))
    expect(all).toHaveLength(200)
    expect(fetched).toEqual([0, 1])
  })

  it('without a `total`, stops on the first short page', async () => {
    const { fetched, fetchPage } = numberPages(250, 100, null)
    const all = await lastValueFrom(paginate$(listingOf(fetchPage, 100)).pipe(toArray()))
    expect(all).toHaveLength(250)
    expect(fetched).toEqual([0, 1, 2])
  })

  it('fetches one page for take(5)', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    const firstFive = await lastValueFrom(
      paginate$(listingOf(fetchPage, 100)).pipe(take(5), toArray()),
    )
    expect(firstFive).toEqual([0, 1, 2, 3, 4])
    expect(fetched).toEqual([0])
  })

  it('fetches exactly the pages needed for take(n) across a page boundary', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    await lastValueFrom(paginate$(listingOf(fetchPage, 100)).pipe(take(101), toArray()))
    expect(fetched).toEqual([0, 1])
  })

  it('never loops on an empty page, even when `total` says there is more', async () => {
    const { fetched, fetchPage } = scripted([
      { data: [], total: 99 },
      { data: [1], total: 99 },
    ])
    const all = await lastValueFrom(paginate$(listingOf(fetchPage, 2)).pipe(toArray()))
    expect(all).toEqual([])
    expect(fetched).toEqual([0])
  })

  it('emits once an item shifted onto the next page by a new one', async () => {
    const { fetched, fetchPage } = scripted([
      { data: [9, 8], total: 5 },
      { data: [8, 7], total: 6 },
      { data: [6, 5], total: 6 },
    ])
    const all = await lastValueFrom(paginate$(listingOf(fetchPage, 2)).pipe(toArray()))
    expect(all).toEqual([9, 8, 7, 6, 5])
    expect(fetched).toEqual([0, 1, 2])
  })

  it('ends with the error of a failed fetch, after the items before it', () => {
    const failing = (index: number): Observable<Page> =>
      index === 0 ? of({ data: [1, 2], total: 4 }) : throwError(() => new Error('boom'))
    const seen: number[] = []
    let failure: unknown
    paginate$(listingOf(failing, 2)).subscribe({
      next: (n) => seen.push(n),
      error: (error: unknown) => (failure = error),
    })
    expect(seen).toEqual([1, 2])
    expect(failure).toEqual(new Error('boom'))
  })

  it('completes when a fetch completes without a page', async () => {
    const all = await lastValueFrom(paginate$(listingOf(() => EMPTY, 2)).pipe(toArray()))
    expect(all).toEqual([])
  })

  it('keeps the stack flat over many synchronous pages', async () => {
    const { fetched, fetchPage } = numberPages(20_000, 1)
    const all = await lastValueFrom(
      paginate$(listingOf(fetchPage, 1, { maxPages: 20_000 })).pipe(toArray()),
    )
    expect(all).toHaveLength(20_000)
    expect(fetched).toHaveLength(20_000)
  })

  it('unsubscribing during a fetch cancels it and fetches nothing more (virtual time)', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<Page>('-a|', { a: { data: [1], total: 3 } })
      const second = cold<Page>('-----b|', { b: { data: [2], total: 3 } })
      const third = cold<Page>('-c|', { c: { data: [3], total: 3 } })
      const pages = [first, second, third]
      const result = paginate$(listingOf((index) => pages[index] ?? EMPTY, 1))
      expectObservable(result, '^----!').toBe('-x', { x: 1 })
      expectSubscriptions(second.subscriptions).toBe('--^--!')
      expectSubscriptions(third.subscriptions).toBe([])
    })
  })
})

describe('paginatePages$', () => {
  it('emits one value a page', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    const pages = await lastValueFrom(paginatePages$(listingOf(fetchPage, 100)).pipe(toArray()))
    expect(pages.map((page) => page.data.length)).toEqual([100, 100, 50])
    expect(fetched).toEqual([0, 1, 2])
  })

  it('fetches one page for take(1)', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    await lastValueFrom(paginatePages$(listingOf(fetchPage, 100)).pipe(take(1)))
    expect(fetched).toEqual([0])
  })

  it('requests the next page only after the previous fetch completes (virtual time)', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const pages = [
        cold<Page>('--a|', { a: { data: [1, 2], total: 5 } }),
        cold<Page>('---b|', { b: { data: [3, 4], total: 5 } }),
        cold<Page>('-c|', { c: { data: [5], total: 5 } }),
      ]
      const result = paginatePages$(listingOf((index) => pages[index] ?? EMPTY, 2))
      expectObservable(result).toBe('--a---b-c|', {
        a: { data: [1, 2], total: 5 },
        b: { data: [3, 4], total: 5 },
        c: { data: [5], total: 5 },
      })
      expectSubscriptions(pages[0]!.subscriptions).toBe('^--!')
      expectSubscriptions(pages[1]!.subscriptions).toBe('---^---!')
      expectSubscriptions(pages[2]!.subscriptions).toBe('-------^-!')
    })
  })

  it('emits the single empty page of an empty source, then completes', async () => {
    const { fetched, fetchPage } = numberPages(0, 100)
    const pages = await lastValueFrom(paginatePages$(listingOf(fetchPage, 100)).pipe(toArray()))
    expect(pages).toEqual([{ data: [], total: 0 }])
    expect(fetched).toEqual([0])
  })

  it('emits a page that only partly repeats the ones before it', async () => {
    // 10 was created between the first two fetches, shifting 8 onto the second page
    const pages: Page[] = [
      { data: [9, 8], total: 4 },
      { data: [8, 7], total: 5 },
      { data: [6], total: 5 },
    ]
    const { fetched, fetchPage } = scripted(pages)
    await expect(
      lastValueFrom(paginatePages$(listingOf(fetchPage, 2)).pipe(toArray())),
    ).resolves.toEqual(pages)
    expect(fetched).toEqual([0, 1, 2])
  })
})

describe('paginatePages$ against a server whose pages never end', () => {
  const repeating = (total: number | null) =>
    scripted(Array.from({ length: 5 }, () => ({ data: [0, 1], total })))

  it.each([
    ['a `total` that lies', 1_000_000],
    ['no `total`', null],
  ])(
    'ends with a repeated-page PaginationError when `page` is ignored, with %s',
    async (_what, total) => {
      const { fetched, fetchPage } = repeating(total)
      const { values, error } = await valuesAndError(paginatePages$(listingOf(fetchPage, 2)))
      expect(values).toEqual([{ data: [0, 1], total }])
      expect(fetched).toEqual([0, 1])
      expect(error).toBeInstanceOf(PaginationError)
      expect(error).toMatchObject(repeatedPageError(ORIGIN.url))
    },
  )

  it('goes on past a page of items already seen, as a busy newest-first listing gives', async () => {
    const { fetched, fetchPage } = scripted([
      { data: [0, 1], total: null },
      { data: [1, 0], total: null },
      { data: [2], total: null },
    ])
    const { values, error } = await valuesAndError(paginate$(listingOf(fetchPage, 2)))
    expect(values).toEqual([0, 1, 2])
    expect(fetched).toEqual([0, 1, 2])
    expect(error).toBeUndefined()
  })

  it('ends with a repeated-page PaginationError after three pages in a row that bring nothing new', async () => {
    const { fetched, fetchPage } = scripted([
      { data: [0, 1], total: null },
      { data: [2, 3], total: null },
      { data: [1, 0], total: null },
      { data: [3, 2], total: null },
      { data: [0, 3], total: null },
      { data: [4], total: null },
    ])
    const { values, error } = await valuesAndError(paginate$(listingOf(fetchPage, 2)))
    expect(values).toEqual([0, 1, 2, 3])
    expect(fetched).toEqual([0, 1, 2, 3, 4])
    expect(error).toMatchObject({
      reason: 'repeated-page',
      page: 4,
      message: expect.stringMatching(/page 4 was the 3rd page in a row that brought no new item/),
    })
  })

  it('ends with a past-total PaginationError on a page its own `total` leaves no room for', async () => {
    const { fetched, fetchPage } = scripted([
      { data: [0, 1], total: 10 },
      { data: [2, 3], total: 2 },
      { data: [4], total: 2 },
    ])
    const { values, error } = await valuesAndError(paginatePages$(listingOf(fetchPage, 2)))
    expect(values).toEqual([{ data: [0, 1], total: 10 }])
    expect(fetched).toEqual([0, 1])
    expect(error).toMatchObject({
      _tag: 'PaginationError',
      reason: 'past-total',
      page: 1,
      message:
        'GET https://api.test/v1/items?page_size=2: page 1 brought items, but its `total` of 2 ' +
        'in pages of 2 ends before page 1, stopping',
    })
  })

  it.each([
    ['a `total` that grows with each page', (index: number) => (index + 2) * 2],
    ['no `total`', () => null],
  ])(
    'ends with a page-cap PaginationError after maxPages pages of new items, with %s',
    async (_what, totalAt) => {
      const fetched: number[] = []
      const fetchPage = (index: number): Observable<Page> =>
        defer(() => {
          fetched.push(index)
          return index < 6 ? of({ data: [2 * index, 2 * index + 1], total: totalAt(index) }) : EMPTY
        })
      const { values, error } = await valuesAndError(
        paginatePages$(listingOf(fetchPage, 2, { maxPages: 3 })),
      )
      expect(values).toHaveLength(3)
      expect(fetched).toEqual([0, 1, 2])
      expect(error).toMatchObject({
        _tag: 'PaginationError',
        reason: 'page-cap',
        page: 3,
        message:
          'GET https://api.test/v1/items?page_size=2: 3 pages fetched (the maxPages cap) and ' +
          'the server says more remain, stopping',
      })
    },
  )

  it('reaches maxPages without an error when the last page is the last one allowed', async () => {
    const { fetched, fetchPage } = numberPages(6, 2)
    const pages = await lastValueFrom(
      paginatePages$(listingOf(fetchPage, 2, { maxPages: 3 })).pipe(toArray()),
    )
    expect(pages).toHaveLength(3)
    expect(fetched).toEqual([0, 1, 2])
  })

  it('stays lazy: take(1) at maxPages 1 fetches one page and signals no error', async () => {
    const { fetched, fetchPage } = numberPages(10, 2)
    const { values, error } = await valuesAndError(
      paginatePages$(listingOf(fetchPage, 2, { maxPages: 1 })).pipe(take(1)),
    )
    expect(values).toHaveLength(1)
    expect(error).toBeUndefined()
    expect(fetched).toEqual([0])
  })
})
