// upload$: a file sent as multipart/form-data, streamed when its content is a stream of requests.
import { defer, mergeMap, Subject, tap, type Observable } from 'rxjs'
import { FileObject } from '../codecs/FileObject.js'
import { TimeoutError } from '../errors/TimeoutError.js'
import { fromEither$ } from '../fp/either.js'
import { abortOnSignal } from '../http/abortOnSignal.js'
import type { HttpContext } from '../http/HttpContext.js'
import { abortedByCaller } from '../http/networkErrorFrom.js'
import { requestOrigin, type RequestSpec } from '../http/request.js'
import { requestJson$ } from '../http/requestJson.js'
import { RECOVERY_CLOCK_SKEW_MS, retrying } from '../http/retry.js'
import { timeoutAfter } from '../http/timeoutAfter.js'
import { isNetworkError } from '../errors/index.js'
import { gatheredContent, refusedStreamsTo, streamsTo } from './requestStreams.js'
import { multipartFrame, newBoundary, type MultipartFrame } from './multipart.js'
import { withStreamedBody$ } from './streamedBody.js'
import type { UploadContent, WholeContent } from './uploadContent.js'
import { uploadContent, type UploadInput } from './uploadInput.js'
import {
  countedChunks,
  findUploadedFile$,
  wholeContentBytes,
  type SentContent,
} from './uploadLookup.js'
import {
  DEFAULT_UPLOAD_IDLE_TIMEOUT_MS,
  uploadBodyCheck,
  uploadFields,
  type UploadOptions,
} from './uploadOptions.js'

// Redirects are refused (see `RequestSpec.redirect`): following one would replay the body.
const uploadSpec = (frame: MultipartFrame): RequestSpec => ({
  method: 'POST',
  path: '/v1/files',
  headers: { 'content-type': frame.contentType },
  retry: 'unsafe',
  redirect: 'error',
})

// Where the runtime chose to stream (no `streamBody` option), a send that fails before any of its
// stream was read, with a network error that has no code (a browser's `Failed to fetch`: Chromium
// refuses a streamed body to an HTTP/1.1 server; Node's failures carry a code such as
// ECONNREFUSED), goes again as one Blob; once a Blob gets through, every later upload to that
// origin is sent whole from the start. A caller's abort is no refusal.
const blobFallback = (ctx: HttpContext, frame: MultipartFrame, options: UploadOptions) => ({
  refused: (error: unknown) =>
    isNetworkError(error) && error.code === undefined && options.signal?.aborted !== true,
  sendWhole: (body: Blob) =>
    blobAttempt$(ctx, frame, body, options).pipe(
      tap(() => refusedStreamsTo(new URL(ctx.config.baseUrl).origin)),
    ),
})

// One attempt, streaming `chunks` afresh; it never retries by itself.
const streamedAttempt$ = (
  ctx: HttpContext,
  frame: MultipartFrame,
  chunks: AsyncIterable<Uint8Array>,
  options: UploadOptions,
): Observable<FileObject> =>
  defer(() => {
    const spec = uploadSpec(frame)
    const origin = requestOrigin(ctx, spec)
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_UPLOAD_IDLE_TIMEOUT_MS
    const progress = new Subject<void>()
    return withStreamedBody$(
      frame,
      chunks,
      { onPull: () => progress.next() },
      (body) => requestJson$(ctx, { ...spec, body, retry: 'none', timeoutMs: null }, FileObject),
      options.streamBody === undefined ? blobFallback(ctx, frame, options) : undefined,
    ).pipe(
      timeoutAfter(
        idleTimeoutMs,
        ctx.config.scheduler,
        () =>
          new TimeoutError(
            `${origin.method} ${origin.url} made no progress for ${idleTimeoutMs} ms`,
            { timeoutMs: idleTimeoutMs, ...origin },
          ),
        progress,
      ),
    )
  })

// A body of known length (the multipart frame included), as one Blob; one attempt, which never
// retries by itself.
const blobAttempt$ = (
  ctx: HttpContext,
  frame: MultipartFrame,
  body: Blob,
  options: UploadOptions,
): Observable<FileObject> =>
  requestJson$(
    ctx,
    {
      ...uploadSpec(frame),
      body,
      retry: 'none',
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    },
    FileObject,
  )

const wholeAttempt$ = (
  ctx: HttpContext,
  frame: MultipartFrame,
  content: WholeContent,
  options: UploadOptions,
): Observable<FileObject> =>
  blobAttempt$(
    ctx,
    frame,
    new Blob([frame.head, content.content, frame.tail] as BlobPart[]),
    options,
  )

// The one retry layer of an upload: unsafe, only if the content can be read again, and with
// `recover`, after an ambiguous failure the stored file is looked for before sending again.
const sentOnce$ = (
  ctx: HttpContext,
  frame: MultipartFrame,
  content: UploadContent,
  options: UploadOptions,
): Observable<FileObject> =>
  defer(() => {
    const sent: SentContent =
      content.kind === 'whole'
        ? { bytes: wholeContentBytes(content.content), complete: true }
        : { bytes: 0, complete: false }
    const query = {
      filename: options.filename,
      purpose: options.purpose ?? 'batch',
      sinceMs: ctx.config.scheduler.now() - RECOVERY_CLOCK_SKEW_MS,
      sent,
    }
    const attempt$ =
      content.kind === 'whole'
        ? wholeAttempt$(ctx, frame, content, options)
        : // counted only for the lookup of a recovering upload
          streamedAttempt$(
            ctx,
            frame,
            options.recover === true ? countedChunks(content.chunks, sent) : content.chunks,
            options,
          )
    return attempt$.pipe(
      retrying(ctx.config, {
        mode: 'unsafe',
        canRetry: () => content.kind === 'whole' || content.replayable,
        ...(options.recover === true ? { recover: () => findUploadedFile$(ctx, query) } : {}),
      }),
    )
  }).pipe(
    abortOnSignal(options.signal, () => abortedByCaller(requestOrigin(ctx, uploadSpec(frame)))),
  )

/** `FilesApi.upload$` on a client's context (documented there). */
export const upload$ = (
  ctx: HttpContext,
  input: UploadInput,
  options: UploadOptions,
): Observable<FileObject> =>
  defer(() => fromEither$(uploadContent(input, uploadBodyCheck(options)))).pipe(
    mergeMap((content) => uploadContent$(ctx, content, options)),
  )

/**
 * `upload$` of content already sorted (a run's shards come here straight from the request
 * pipeline): the options are checked (an `InvalidRequestError`, nothing sent), then the content
 * is sent in one Blob or streamed, as in `upload$`.
 */
export const uploadContent$ = (
  ctx: HttpContext,
  content: UploadContent,
  options: UploadOptions,
): Observable<FileObject> =>
  defer(() => fromEither$(uploadFields(options))).pipe(
    mergeMap((fields) => {
      const frame = multipartFrame(newBoundary(), fields, options.filename, content.contentType)
      const streams = options.streamBody ?? streamsTo(new URL(ctx.config.baseUrl).origin)
      if (content.kind === 'whole' || streams) return sentOnce$(ctx, frame, content, options)
      return defer(() => gatheredContent(content)).pipe(
        mergeMap((whole) => sentOnce$(ctx, frame, whole, options)),
      )
    }),
  )
