// The browser build's platformFetch (swapped in for platformFetch.ts by scripts/build.mjs): every
// supported browser has fetch, so the cross-fetch ponyfill is never bundled.
import type { FetchLike } from '../config.js'

/** The platform's `fetch`, bound to `globalThis`; undefined in a runtime without one. */
export const platformFetch = (): FetchLike | undefined =>
  typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined
