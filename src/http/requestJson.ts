import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as t from 'io-ts'
import { mergeMap, type Observable, throwError } from 'rxjs'
import { decode } from '../codecs/decode.js'
import { previewJson } from '../codecs/previewJson.js'
import { DecodeError } from '../errors/DecodeError.js'
import { fromEither$ } from '../fp/either.js'
import { readText$ } from './bodyChunks.js'
import type { HttpContext } from './HttpContext.js'
import { request$, requestOrigin, type RequestSpec } from './request.js'

const notJson = <A>(text: string, codec: t.Decoder<unknown, A>, subject: string): DecodeError => {
  const excerpt = previewJson(text)
  const message = `${subject} is not JSON: got ${excerpt}`
  return new DecodeError(
    message,
    [{ value: excerpt, context: [{ key: '', type: codec, actual: excerpt }], message }],
    [`<root>: expected JSON, got ${excerpt}`],
  )
}

const tooLarge = (subject: string, maxBytes: number): DecodeError => {
  const message = `${subject} is larger than maxJsonBodyBytes (${maxBytes} bytes); reading stopped there`
  return new DecodeError(message, [], [`<root>: expected at most ${maxBytes} bytes of JSON`])
}

/**
 * The 2xx body, parsed and decoded with `codec`; not JSON, over `maxJsonBodyBytes` (counted after
 * decompression: a gzip bomb stops there) or not fitting is a `DecodeError`, the key masked.
 */
export const requestJson$ = <A>(
  ctx: HttpContext,
  spec: RequestSpec,
  codec: t.Decoder<unknown, A>,
): Observable<A> => {
  const origin = requestOrigin(ctx, spec)
  const subject = `Response of ${origin.method} ${origin.url}`
  return request$(
    ctx,
    { ...spec, headers: { accept: 'application/json', ...spec.headers } },
    (response, signal) =>
      readText$(response.body, signal, origin, ctx.config.maxJsonBodyBytes, () =>
        tooLarge(subject, ctx.config.maxJsonBodyBytes),
      ).pipe(
        mergeMap((text) => {
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            return throwError(() => notJson(text, codec, subject).redacted(ctx.redact))
          }
          return fromEither$(
            pipe(
              decode(codec, subject)(json),
              E.mapLeft((e) => e.redacted(ctx.redact)),
            ),
          )
        }),
      ),
  )
}
