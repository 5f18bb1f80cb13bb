// Streaming a response body: its chunks, and a request whose body streams under an idle timeout.
import { defer, Observable, tap } from 'rxjs'
import { TimeoutError } from '../errors/TimeoutError.js'
import { abortOnSignal } from './abortOnSignal.js'
import { bodyChunks$ } from './bodyChunks.js'
import type { HttpContext } from './HttpContext.js'
import { idleTimeout } from './idleTimeout.js'
import { abortedByCaller } from './networkErrorFrom.js'
import { requestOrigin, send$, type RequestSpec } from './request.js'
import { retrying } from './retry.js'

/** Options of {@link requestBytes$}: the longest wait for the headers or the next chunk. */
export interface RequestBytesOptions {
  readonly idleTimeoutMs: number
}

/**
 * The 2xx body's chunks as they arrive, never buffered whole. No total time limit: a wait of
 * `idleTimeoutMs` for the headers or any next chunk is a `TimeoutError`. Failures are retried per
 * `spec.retry` only until the first chunk is out: after that a retry would repeat bytes.
 */
export const requestBytes$ = (
  ctx: HttpContext,
  spec: RequestSpec,
  options: RequestBytesOptions,
): Observable<Uint8Array> =>
  defer(() => {
    const origin = requestOrigin(ctx, spec)
    let delivered = false
    return send$(ctx, spec, (response, signal) => bodyChunks$(response.body, signal, origin)).pipe(
      idleTimeout(
        options.idleTimeoutMs,
        ctx.config.scheduler,
        () =>
          new TimeoutError(
            `${origin.method} ${origin.url} received no data for ${options.idleTimeoutMs} ms`,
            { timeoutMs: options.idleTimeoutMs, ...origin },
          ),
      ),
      tap(() => {
        delivered = true
      }),
      retrying(ctx.config, { mode: spec.retry, canRetry: () => !delivered }),
      abortOnSignal(spec.signal, () => abortedByCaller(origin)),
    )
  })
