// list$ and listPages$: the files of the workspace, page by page, fetched lazily.
import { concatMap, defer, throwError, type Observable } from 'rxjs'
import type { FileObject } from '../codecs/FileObject.js'
import { FileList } from '../codecs/FileList.js'
import type { FilePurpose } from '../codecs/FilePurpose.js'
import type { FileSource } from '../codecs/FileSource.js'
import type { SampleType } from '../codecs/SampleType.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { HttpContext } from '../http/HttpContext.js'
import { paginatePages$ } from '../http/paginate.js'
import { requestJson$ } from '../http/requestJson.js'

/** The page size sent when none is given (the server's own default). */
export const DEFAULT_FILES_PAGE_SIZE = 100

/** Filters of {@link list$} and {@link listPages$}; each one narrows the list. */
export interface ListFilesFilters {
  /**
   * Files per request: a positive integer.
   * @default 100
   */
  readonly page_size?: number
  /**
   * Ask the server for `total` (then the last page is known without a short page).
   * @default true (the server's default)
   */
  readonly include_total?: boolean
  /** Only files of these sample types. */
  readonly sample_type?: ReadonlyArray<SampleType>
  /** Only files from these sources. */
  readonly source?: ReadonlyArray<FileSource>
  /** Only files whose name contains this text. */
  readonly search?: string
  /** Only files of this purpose. */
  readonly purpose?: FilePurpose
  /** Only files of these mimetypes. */
  readonly mimetypes?: ReadonlyArray<string>
  /** Aborting it ends the listing with a `NetworkError`. */
  readonly signal?: AbortSignal
}

const checkPageSize = (pageSize: number): InvalidRequestError | undefined =>
  Number.isInteger(pageSize) && pageSize >= 1
    ? undefined
    : new InvalidRequestError('page_size must be an integer >= 1', { field: 'page_size' })

const fetchPage =
  (ctx: HttpContext, filters: ListFilesFilters, pageSize: number) =>
  (page: number): Observable<FileList> =>
    requestJson$(
      ctx,
      {
        method: 'GET',
        path: '/v1/files',
        query: {
          page,
          page_size: pageSize,
          include_total: filters.include_total,
          sample_type: filters.sample_type,
          source: filters.source,
          search: filters.search,
          purpose: filters.purpose,
          mimetypes: filters.mimetypes,
        },
        retry: 'safe',
        ...(filters.signal === undefined ? {} : { signal: filters.signal }),
      },
      FileList,
    )

// A short page ends the list; so does reaching `total` when the server sent one.
const isLastPage =
  (pageSize: number) =>
  (page: FileList, _pageIndex: number, seen: number): boolean =>
    page.data.length < pageSize || (typeof page.total === 'number' && seen >= page.total)

const files = (page: FileList): ReadonlyArray<FileObject> => page.data

/**
 * An Observable that, when subscribed, sends `GET /v1/files?page=0&...` and emits one
 * `FileList` per page, fetching the next page only while the subscriber still wants values.
 * It completes after a short page, an empty page, or once `total` files have arrived. A
 * `page_size` that is not an integer >= 1 is an `InvalidRequestError`, signalled without
 * sending anything. Each page is retried as a safe operation.
 */
export const listPages$ = (
  ctx: HttpContext,
  filters: ListFilesFilters = {},
): Observable<FileList> =>
  defer(() => {
    const pageSize = filters.page_size ?? DEFAULT_FILES_PAGE_SIZE
    const invalid = checkPageSize(pageSize)
    if (invalid !== undefined) return throwError(() => invalid)
    return paginatePages$(fetchPage(ctx, filters, pageSize), files, isLastPage(pageSize))
  })

/**
 * An Observable that, when subscribed, sends `GET /v1/files?page=0&...` and emits every file of
 * every page in order, as {@link listPages$} fetches them: lazily, so `list$().pipe(take(5))`
 * costs one request.
 */
export const list$ = (ctx: HttpContext, filters: ListFilesFilters = {}): Observable<FileObject> =>
  listPages$(ctx, filters).pipe(concatMap(files))
