// Uploads refuse redirects: a streamed body cannot be replayed, and a 301/302/303 would turn the
// POST into a GET without a body. It also keeps memory flat: unless redirects are refused, Node's
// fetch (undici) clones the request, teeing its body, and the unread branch keeps every chunk
// sent (nodejs/undici#4058).
import type { FetchLike, ResolvedConfig } from '../config.js'
import type { HttpContext } from '../http/HttpContext.js'

/** `ctx` with a fetch that sends every request with `redirect: 'error'`. */
export const withoutRedirects = (ctx: HttpContext): HttpContext => {
  const { fetch } = ctx.config
  const noRedirectFetch: FetchLike = (input, init) => fetch(input, { ...init, redirect: 'error' })
  const config = { ...ctx.config, fetch: noRedirectFetch }
  // the key stays non-enumerable, as resolveConfig makes it, so printing the config never shows it
  Object.defineProperty(config, 'apiKey', { value: ctx.config.apiKey, enumerable: false })
  return { config: config as ResolvedConfig }
}
