// The fetch a client calls when its config names none: the platform's, else the cross-fetch
// ponyfill. Browser builds swap this module for platformFetch.browser.ts (scripts/build.mjs).
import type { FetchLike } from '../config.js'

/**
 * cross-fetch, loaded at the first request: every Node this package supports (18 and later) has
 * a global fetch, so loading the ponyfill with the client (13 ms of node-fetch and whatwg-url)
 * would cost every start-up for a runtime that almost never needs it.
 */
const lazyCrossFetch: FetchLike = async (input, init) => {
  const { default: crossFetch } = await import('cross-fetch')
  return crossFetch(input, init)
}

/** The platform's `fetch`, bound to `globalThis`; cross-fetch where the runtime has none. */
export const platformFetch = (): FetchLike | undefined =>
  typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : lazyCrossFetch
