// The listing of one of the API's paged lists: its items under `data`, their count in `total`.
import type * as t from 'io-ts'
import type { HttpContext } from './HttpContext.js'
import type { Listing } from './paginate.js'
import type { QueryParams } from './query.js'
import { requestOrigin, type RequestSpec } from './request.js'
import { requestJson$ } from './requestJson.js'

interface ApiPage<Item> {
  readonly data: ReadonlyArray<Item>
  readonly total?: number | null
}

/** What one list request is, its page number aside. */
export interface ApiList<Page> {
  readonly path: string
  readonly codec: t.Decoder<unknown, Page>
  /** The filters, checked; `page` is added per request. */
  readonly query: QueryParams
  readonly pageSize: number
  readonly signal?: AbortSignal | undefined
}

/** The listing of `list`, each page a safely retried request; `origin` names it in errors. */
export const apiListing = <Page extends ApiPage<Item>, Item extends { readonly id: string }>(
  ctx: HttpContext,
  list: ApiList<Page>,
): Listing<Page, Item> => {
  const spec = (page?: number): RequestSpec => ({
    method: 'GET',
    path: list.path,
    query: { page, ...list.query },
    retry: 'safe',
    ...(list.signal === undefined ? {} : { signal: list.signal }),
  })
  return {
    fetchPage: (page) => requestJson$(ctx, spec(page), list.codec),
    items: (page) => page.data,
    idOf: (item) => item.id,
    totalOf: (page) => page.total,
    pageSize: list.pageSize,
    maxPages: ctx.config.maxPages,
    origin: requestOrigin(ctx, spec()),
  }
}
