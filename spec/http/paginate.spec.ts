// paginate$ and paginatePages$: lazy page fetching, stopping rules, errors, in virtual time.
import { defer, EMPTY, lastValueFrom, of, take, throwError, toArray, type Observable } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { paginate$, paginatePages$ } from '../../src/http/paginate.js'

interface Page {
  readonly data: ReadonlyArray<number>
  readonly total: number
}

const items = (page: Page): ReadonlyArray<number> => page.data

/** A page source over `total` numbers in pages of `size`, counting the fetches. */
const numberPages = (total: number, size: number) => {
  const fetched: number[] = []
  const fetchPage = (index: number): Observable<Page> =>
    defer(() => {
      fetched.push(index)
      const start = index * size
      const data = Array.from(
        { length: Math.max(0, Math.min(size, total - start)) },
        (_, i) => start + i,
      )
      return of({ data, total })
    })
  return { fetched, fetchPage }
}

const shortOrTotal =
  (size: number) =>
  (page: Page, _index: number, seen: number): boolean =>
    page.data.length < size || seen >= page.total

let testScheduler: TestScheduler

beforeEach(() => {
  testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
})

describe('paginate$', () => {
  it('fetches nothing before subscribe', () => {
    const { fetched, fetchPage } = numberPages(10, 3)
    paginate$(fetchPage, items, shortOrTotal(3))
    expect(fetched).toEqual([])
  })

  it('emits every item of every page, in order, one fetch a page', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    const all = await lastValueFrom(paginate$(fetchPage, items, shortOrTotal(100)).pipe(toArray()))
    expect(all).toEqual(Array.from({ length: 250 }, (_, i) => i))
    expect(fetched).toEqual([0, 1, 2])
  })

  it('stops when `total` is reached, without asking for an empty page after a full one', async () => {
    const { fetched, fetchPage } = numberPages(200, 100)
    const all = await lastValueFrom(paginate$(fetchPage, items, shortOrTotal(100)).pipe(toArray()))
    expect(all).toHaveLength(200)
    expect(fetched).toEqual([0, 1])
  })

  it('fetches one page for take(5)', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    const firstFive = await lastValueFrom(
      paginate$(fetchPage, items, shortOrTotal(100)).pipe(take(5), toArray()),
    )
    expect(firstFive).toEqual([0, 1, 2, 3, 4])
    expect(fetched).toEqual([0])
  })

  it('fetches exactly the pages needed for take(n) across a page boundary', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    await lastValueFrom(paginate$(fetchPage, items, shortOrTotal(100)).pipe(take(101), toArray()))
    expect(fetched).toEqual([0, 1])
  })

  it('never loops on an empty page, even when isLast says go on', async () => {
    let fetches = 0
    const fetchPage = (): Observable<Page> =>
      defer(() => {
        fetches++
        return of({ data: [], total: 99 })
      })
    const all = await lastValueFrom(paginate$(fetchPage, items, () => false).pipe(toArray()))
    expect(all).toEqual([])
    expect(fetches).toBe(1)
  })

  it('passes the page index and the running count to isLast', async () => {
    const { fetchPage } = numberPages(7, 3)
    const calls: Array<[number, number]> = []
    await lastValueFrom(
      paginate$(fetchPage, items, (page, index, seen) => {
        calls.push([index, seen])
        return page.data.length < 3
      }).pipe(toArray()),
    )
    expect(calls).toEqual([
      [0, 3],
      [1, 6],
      [2, 7],
    ])
  })

  it('ends with the error of a failed fetch, after the items before it', () => {
    const failing = (index: number): Observable<Page> =>
      index === 0 ? of({ data: [1, 2], total: 4 }) : throwError(() => new Error('boom'))
    const seen: number[] = []
    let failure: unknown
    paginate$(failing, items, shortOrTotal(2)).subscribe({
      next: (n) => seen.push(n),
      error: (error: unknown) => (failure = error),
    })
    expect(seen).toEqual([1, 2])
    expect(failure).toEqual(new Error('boom'))
  })

  it('completes when a fetch completes without a page', async () => {
    const all = await lastValueFrom(
      paginate$(
        () => EMPTY,
        items,
        () => false,
      ).pipe(toArray()),
    )
    expect(all).toEqual([])
  })

  it('keeps the stack flat over many synchronous pages', async () => {
    const { fetched, fetchPage } = numberPages(20_000, 1)
    const all = await lastValueFrom(paginate$(fetchPage, items, shortOrTotal(1)).pipe(toArray()))
    expect(all).toHaveLength(20_000)
    expect(fetched).toHaveLength(20_000)
  })

  it('unsubscribing during a fetch cancels it and fetches nothing more (virtual time)', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<Page>('-a|', { a: { data: [1], total: 3 } })
      const second = cold<Page>('-----b|', { b: { data: [2], total: 3 } })
      const third = cold<Page>('-c|', { c: { data: [3], total: 3 } })
      const pages = [first, second, third]
      const result = paginate$((index) => pages[index] ?? EMPTY, items, shortOrTotal(1))
      expectObservable(result, '^----!').toBe('-x', { x: 1 })
      expectSubscriptions(second.subscriptions).toBe('--^--!')
      expectSubscriptions(third.subscriptions).toBe([])
    })
  })
})

describe('paginatePages$', () => {
  it('emits one value a page', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    const pages = await lastValueFrom(
      paginatePages$(fetchPage, items, shortOrTotal(100)).pipe(toArray()),
    )
    expect(pages.map((page) => page.data.length)).toEqual([100, 100, 50])
    expect(fetched).toEqual([0, 1, 2])
  })

  it('fetches one page for take(1)', async () => {
    const { fetched, fetchPage } = numberPages(250, 100)
    await lastValueFrom(paginatePages$(fetchPage, items, shortOrTotal(100)).pipe(take(1)))
    expect(fetched).toEqual([0])
  })

  it('requests the next page only after the previous fetch completes (virtual time)', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const pages = [
        cold<Page>('--a|', { a: { data: [1, 2], total: 5 } }),
        cold<Page>('---b|', { b: { data: [3, 4], total: 5 } }),
        cold<Page>('-c|', { c: { data: [5], total: 5 } }),
      ]
      const result = paginatePages$((index) => pages[index] ?? EMPTY, items, shortOrTotal(2))
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
    const pages = await lastValueFrom(
      paginatePages$(fetchPage, items, shortOrTotal(100)).pipe(toArray()),
    )
    expect(pages).toEqual([{ data: [], total: 0 }])
    expect(fetched).toEqual([0])
  })
})
