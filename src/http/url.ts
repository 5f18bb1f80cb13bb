// URLs of requests: path segments, query strings, and their redaction for errors.
import { encodeQuery, type QueryParams } from './query.js'

const SECRET_QUERY_KEYS = /^(api[-_]?key|key|token|access[-_]?token|signature|sig|x-amz-.*)$/i

/** Percent-encodes one path segment, so an id can never add a `/`, `?`, `#` or `..`. */
export const encodePathSegment = (id: string): string =>
  encodeURIComponent(id).replace(/\./g, '%2E')

/** Joins `baseUrl` (no trailing slash), an already-encoded `path` and an encoded query. */
export const buildUrl = (baseUrl: string, path: string, query?: QueryParams): string => {
  const search = query === undefined ? '' : encodeQuery(query)
  return `${baseUrl}${path.startsWith('/') ? path : `/${path}`}${search === '' ? '' : `?${search}`}`
}

/**
 * A URL fit for an error message: no user name or password, no fragment, and the values of
 * secret-looking query parameters (`key`, `token`, `signature`, ...) replaced.
 */
export const redactUrl = (url: string): string => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return '[unparseable url]'
  }
  parsed.username = ''
  parsed.password = ''
  parsed.hash = ''
  for (const key of [...new Set(parsed.searchParams.keys())]) {
    if (SECRET_QUERY_KEYS.test(key)) parsed.searchParams.set(key, 'redacted')
  }
  return parsed.href
}
