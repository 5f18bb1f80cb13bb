// Query strings as the Mistral API reads them.

/** One query value: a scalar, a list (sent as repeated keys) or a record (sent as bare pairs). */
type QueryValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | ReadonlyArray<string | number | boolean | Date>
  | Readonly<Record<string, string | number | boolean>>

/** Query parameters by name. */
export type QueryParams = Readonly<Record<string, QueryValue>>

const scalar = (value: string | number | boolean | Date): string =>
  value instanceof Date ? value.toISOString() : String(value)

const isList = (value: QueryValue): value is ReadonlyArray<string | number | boolean | Date> =>
  Array.isArray(value)

/**
 * Encodes `params` as a query string without the `?`: lists as repeated keys
 * (`status=QUEUED&status=RUNNING`), dates as ISO date-times, booleans as `true`/`false`;
 * `undefined` and `null` are left out. A record value (the list `metadata` filter) is sent as its
 * own bare `key=value` pairs, the form-explode encoding Mistral's SDKs use.
 */
export const encodeQuery = (params: QueryParams): string => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    if (isList(value)) {
      for (const item of value) search.append(key, scalar(item))
    } else if (typeof value === 'object' && !(value instanceof Date)) {
      for (const [pairKey, pairValue] of Object.entries(value)) {
        search.append(pairKey, scalar(pairValue))
      }
    } else {
      search.append(key, scalar(value))
    }
  }
  return search.toString()
}
