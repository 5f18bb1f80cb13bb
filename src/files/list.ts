// list$ and listPages$: the files of the workspace, page by page, fetched lazily.
import * as E from 'fp-ts/Either'
import { defer, mergeMap, type Observable } from 'rxjs'
import type { FileObject } from '../codecs/FileObject.js'
import { FileList } from '../codecs/FileList.js'
import type { FilePurpose } from '../codecs/FilePurpose.js'
import type { FileSource } from '../codecs/FileSource.js'
import type { SampleType } from '../codecs/SampleType.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import type { HttpContext } from '../http/HttpContext.js'
import { apiListing } from '../http/apiListing.js'
import { fromEither$ } from '../fp/either.js'
import { paginate$, paginatePages$, type Listing } from '../http/paginate.js'

/** The page size sent when none is given (the server's own default). */
const DEFAULT_FILES_PAGE_SIZE = 100

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

const FILES_FILTER_KEYS: KnownKeys<ListFilesFilters> = {
  page_size: true,
  include_total: true,
  sample_type: true,
  source: true,
  search: true,
  purpose: true,
  mimetypes: true,
  signal: true,
}

// The listing `filters` ask for, or the error of an unknown filter or a bad page size.
const fileListing = (
  ctx: HttpContext,
  filters: ListFilesFilters,
): E.Either<InvalidRequestError, Listing<FileList, FileObject>> => {
  const unknown = unknownKeyError(filters, FILES_FILTER_KEYS, 'the file list filters')
  if (unknown !== undefined) return E.left(unknown)
  const pageSize = filters.page_size ?? DEFAULT_FILES_PAGE_SIZE
  if (!(Number.isInteger(pageSize) && pageSize >= 1)) {
    return E.left(
      new InvalidRequestError('page_size must be an integer >= 1', { field: 'page_size' }),
    )
  }
  const { include_total, sample_type, source, search, purpose, mimetypes } = filters
  return E.right(
    apiListing<FileList, FileObject>(ctx, {
      path: '/v1/files',
      codec: FileList,
      query: {
        page_size: pageSize,
        include_total,
        sample_type,
        source,
        search,
        purpose,
        mimetypes,
      },
      pageSize,
      signal: filters.signal,
    }),
  )
}

const withListing$ = <A>(
  ctx: HttpContext,
  filters: ListFilesFilters,
  run: (listing: Listing<FileList, FileObject>) => Observable<A>,
): Observable<A> => defer(() => fromEither$(fileListing(ctx, filters))).pipe(mergeMap(run))

/** `FilesApi.listPages$` on a client's context (documented there). */
export const listPages$ = (
  ctx: HttpContext,
  filters: ListFilesFilters = {},
): Observable<FileList> => withListing$(ctx, filters, paginatePages$)

/** `FilesApi.list$` on a client's context (documented there). */
export const list$ = (ctx: HttpContext, filters: ListFilesFilters = {}): Observable<FileObject> =>
  withListing$(ctx, filters, paginate$)
