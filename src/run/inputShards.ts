// Reads the input of a run into shards: uploaded files, or lists of inline requests.
import {
  catchError,
  concat,
  defer,
  EMPTY,
  ignoreElements,
  mergeMap,
  type Observable,
  of,
  throwError,
} from 'rxjs'
import type { BatchRequestInput } from '../batch/createBatchJobInput.js'
import { MAX_INLINE_REQUESTS } from '../batch/validateCreateRequest.js'
import type { FileObject } from '../codecs/FileObject.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { UploadedEvent } from './BatchEvent.js'
import type { RequestCursor } from '../jsonl/requestCursor.js'
import type { RunDeps } from './runDeps.js'
import {
  inlineJobSize,
  runTag,
  uniqueShardFilename,
  type ResolvedRunOptions,
} from './runOptions.js'
import { shardContent, type FileShard } from '../jsonl/requestChunks.js'

/** One shard of a run: the requests of one job, as a file or inline, and its job once created. */
export interface RunShard {
  /** The shard's number, from 0, in input order. */
  readonly shard: number
  /** Requests in the shard. */
  readonly count: number
  /** The uploaded file (file mode). */
  readonly file?: FileObject
  /** The requests (inline mode). */
  readonly requests?: ReadonlyArray<BatchRequestInput>
  /** The id of the shard's job, once created. */
  jobId?: string
}

/** How a run sends its requests, once `'auto'` is decided. */
type SendMode = 'file' | 'inline'

const decideMode = async (
  cursor: RequestCursor,
  options: ResolvedRunOptions,
  knownLength: number | undefined,
): Promise<SendMode> => {
  if ((await cursor.peek()) === undefined) {
    throw new InvalidRequestError('runBatch$: requests is empty: a batch needs at least one', {
      field: 'requests',
    })
  }
  if (options.mode !== 'auto') return options.mode
  // a stream is read at most one past the inline limit to tell; the requests read wait in the cursor
  const seen = knownLength ?? (await cursor.lookahead(MAX_INLINE_REQUESTS + 1))
  return seen <= MAX_INLINE_REQUESTS ? 'inline' : 'file'
}

const inlineShards$ = (
  cursor: RequestCursor,
  options: ResolvedRunOptions,
  shards: RunShard[],
): Observable<never> =>
  defer(async () => {
    const size = inlineJobSize(options)
    for (;;) {
      const requests: BatchRequestInput[] = []
      for (let next = await cursor.peek(); next !== undefined; next = await cursor.peek()) {
        cursor.take()
        requests.push({ custom_id: next.custom_id ?? null, body: next.body })
        if (requests.length === size) break
      }
      if (requests.length === 0) return
      shards.push({ shard: shards.length, count: requests.length, requests })
    }
  }).pipe(ignoreElements())

const fileShards$ = (
  deps: RunDeps,
  cursor: RequestCursor,
  options: ResolvedRunOptions,
  shards: RunShard[],
): Observable<UploadedEvent> => {
  const limits = { maxRequests: options.maxRequestsPerJob, maxBytes: options.maxFileBytes }
  // unique names let each upload be found again after an ambiguous failure, not sent twice
  const tag = runTag()
  const uploadFrom$ = (shard: number): Observable<UploadedEvent> =>
    defer(() => cursor.peek()).pipe(
      mergeMap((next) => {
        if (next === undefined) return EMPTY
        const fileShard: FileShard = { shard, start: cursor.position, count: 0 }
        const filename = uniqueShardFilename(options.filename, tag, shard)
        return deps
          .upload$(shardContent(cursor, fileShard, limits), {
            filename,
            recover: true,
            ...(options.streamBody === undefined ? {} : { streamBody: options.streamBody }),
          })
          .pipe(
            // a bad request or a failing source aborts the upload: report it, not the abort
            catchError((error: unknown) => throwError(() => cursor.failure?.error ?? error)),
            mergeMap((file) => {
              shards.push({ shard, count: fileShard.count, file })
              const uploaded: UploadedEvent = {
                type: 'uploaded',
                shard,
                file,
                requests: fileShard.count,
              }
              return concat(of(uploaded), uploadFrom$(shard + 1))
            }),
          )
      }),
    )
  return uploadFrom$(0)
}

/**
 * Reads the whole input into `shards`: in file mode each shard is uploaded as it is read (with an
 * `uploaded` event), in inline mode gathered in lists of at most 10,000.
 */
export const inputShards$ = (
  deps: RunDeps,
  cursor: RequestCursor,
  options: ResolvedRunOptions,
  knownLength: number | undefined,
  shards: RunShard[],
): Observable<UploadedEvent> =>
  defer(() => decideMode(cursor, options, knownLength)).pipe(
    mergeMap((mode) =>
      mode === 'inline'
        ? inlineShards$(cursor, options, shards)
        : fileShards$(deps, cursor, options, shards),
    ),
  )
