// upload$: a file sent as multipart/form-data, streamed when its content is a stream of requests.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, Subject, throwError, type Observable } from 'rxjs'
import { FileObject } from '../codecs/FileObject.js'
import { TimeoutError } from '../errors/TimeoutError.js'
import { abortOnSignal } from '../http/abortOnSignal.js'
import type { HttpContext } from '../http/HttpContext.js'
import { abortedByCaller } from '../http/networkErrorFrom.js'
import { requestOrigin, type RequestSpec } from '../http/request.js'
import { requestJson$ } from '../http/requestJson.js'
import { retryWithPolicy } from '../http/retryPolicy.js'
import { idleTimeout } from './idleTimeout.js'
import { multipartFrame, newBoundary, type MultipartFrame } from './multipart.js'
import { withStreamedBody$ } from './streamedBody.js'
import { uploadContent, type StreamedContent, type UploadInput } from './uploadInput.js'
import {
  DEFAULT_UPLOAD_IDLE_TIMEOUT_MS,
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

// Each attempt streams afresh; a retry happens only if the content can be read again.
const streamedUpload$ = (
  ctx: HttpContext,
  frame: MultipartFrame,
  content: StreamedContent,
  options: UploadOptions,
): Observable<FileObject> => {
  const spec = uploadSpec(frame)
  const origin = requestOrigin(ctx, spec)
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_UPLOAD_IDLE_TIMEOUT_MS
  const attempt$ = defer(() => {
    const progress = new Subject<void>()
    return withStreamedBody$(frame, content.chunks, { onPull: () => progress.next() }, (body) =>
      requestJson$(ctx, { ...spec, body, retry: 'none', timeoutMs: null }, FileObject),
    ).pipe(
      idleTimeout(
        progress,
        idleTimeoutMs,
        ctx.config.scheduler,
        () =>
          new TimeoutError(
            `${origin.method} ${origin.url} made no progress for ${idleTimeoutMs} ms`,
            {
              timeoutMs: idleTimeoutMs,
              ...origin,
            },
          ),
      ),
    )
  })
  return attempt$.pipe(
    retryWithPolicy({
      retry: ctx.config.retry,
      scheduler: ctx.config.scheduler,
      mode: 'unsafe',
      canRetry: () => content.replayable,
    }),
    abortOnSignal(options.signal, () => abortedByCaller(origin)),
  )
}

/**
 * An Observable that, when subscribed, sends `POST /v1/files` with `input` as the multipart
 * `file` part (and `purpose`, default `batch`) and emits the stored file decoded as a
 * `FileObject`, then completes.
 *
 * Text, bytes and Blobs are sent as one Blob of known length. Requests (an iterable, async
 * iterable or Observable of `{ custom_id?, body }`) are encoded to JSONL and streamed as fetch
 * pulls them, so memory stays flat however big the file; each is checked on the way (an object
 * `body`, a string `custom_id` never seen before), and a bad one ends the upload with an
 * `InvalidRequestError`, aborting the request so the server keeps no partial file. Bad options,
 * a bad array of requests, or a bad request in the first chunk (about 64 KB) fail before
 * anything is sent.
 *
 * Retried only where the server provably stored nothing (429, 503 with Retry-After, connection
 * refused) and only if the input can be read again: never a one-shot iterator, async iterable
 * or Observable. A redirect is an error (a streamed body cannot be sent twice).
 */
export const upload$ = (
  ctx: HttpContext,
  input: UploadInput,
  options: UploadOptions,
): Observable<FileObject> =>
  defer(() =>
    pipe(
      E.Do,
      E.bind('fields', () => uploadFields(options)),
      E.bind('content', () => uploadContent(input)),
      E.match(
        (error) => throwError(() => error),
        ({ fields, content }) => {
          const frame = multipartFrame(newBoundary(), fields, options.filename, content.contentType)
          if (content.kind === 'streamed') return streamedUpload$(ctx, frame, content, options)
          return requestJson$(
            ctx,
            {
              ...uploadSpec(frame),
              body: new Blob([frame.head, content.content, frame.tail] as BlobPart[]),
              ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
              ...(options.signal === undefined ? {} : { signal: options.signal }),
            },
            FileObject,
          )
        },
      ),
    ),
  )
