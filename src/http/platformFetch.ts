// The fetch a client calls when its config names none: the platform's, else the cross-fetch
// ponyfill. Browser builds swap this module for platformFetch.browser.ts (scripts/build.mjs).
import crossFetch from 'cross-fetch'
import type { FetchLike } from '../config.js'

/** The platform's `fetch`, bound to `globalThis`; cross-fetch where the runtime has none. */
export const platformFetch = (): FetchLike | undefined =>
  typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : crossFetch
