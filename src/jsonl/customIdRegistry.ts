// The custom_ids of a run, kept compactly: a byte per request, and a compact table for given ids
// that are not their own request's index.
import * as E from 'fp-ts/Either'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { IdTable, type IdHash } from './idTable.js'

const ASSIGNED = 1
const SEEN_ONCE = 2
const SEEN_TWICE = 4
/** A given id that is its own request's index as text (`"7"` for requests[7]): no string kept. */
const OWN_INDEX = 8
/** An id that names the request by its index, assigned or given. */
const BY_INDEX = ASSIGNED | OWN_INDEX
const MAX_ID_IN_MESSAGE = 64
/** More digits than any request index has, and few enough to stay exact as a number. */
const MAX_INDEX_DIGITS = 15

/** A custom_id as a message shows it: quoted, and cut after 64 characters. */
export const quoteCustomId = (id: string): string =>
  JSON.stringify(id.length > MAX_ID_IN_MESSAGE ? `${id.slice(0, MAX_ID_IN_MESSAGE)}...` : id)

/**
 * The index `id` names when it is a canonical array index as text (`"0"`, `"17"`, never `"017"`
 * or `"1e3"`), else -1.
 */
const indexText = (id: string): number => {
  const length = id.length
  if (length === 0 || length > MAX_INDEX_DIGITS) return -1
  const first = id.charCodeAt(0)
  if (first === 0x30) return length === 1 ? 0 : -1
  let value = 0
  for (let i = 0; i < length; i++) {
    const digit = id.charCodeAt(i) - 0x30
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/**
 * Every custom_id of a run, with how many results each got. An id that is its request's index as
 * text (`"0"`, `"1"`, ...: assigned by the registry, or given so) costs one byte and no string;
 * any other given id an entry of an `IdTable` (its text and some 24 bytes). A million ids of the
 * first kind take about 1 MB.
 */
export class CustomIdRegistry {
  /** The given ids that are not their own request's index, in input order. */
  private readonly given: IdTable
  /** How many of those are some index as text: only then can an index's id be in `given`. */
  private givenIndexTexts = 0
  private state = new Uint8Array(1024)
  private size = 0

  /**
   * @param assignIds whether a request without a custom_id is given its index as one (a run,
   *   which joins results by id), or left without (an upload or a create, sent as given)
   * @param hash the hash of the given ids' table (tests force collisions with a poor one)
   */
  constructor(
    private readonly assignIds = true,
    hash?: IdHash,
  ) {
    this.given = new IdTable(hash)
  }

  get count(): number {
    return this.size
  }

  /**
   * Registers the request at `index` (the next one) with its own `customId`, or `String(index)`
   * when it has none and ids are assigned, and gives its id; or the `InvalidRequestError` of an id
   * used twice (a given id equal to an index assigned to another request included).
   */
  add(
    index: number,
    customId: string | undefined,
  ): E.Either<InvalidRequestError, string | undefined> {
    if (index !== this.size) throw new RangeError(`expected request ${this.size}, got ${index}`)
    const id = customId ?? (this.assignIds ? String(index) : undefined)
    const named = customId === undefined ? index : indexText(customId)
    if (id !== undefined) {
      const earlier = this.earlierIndexOf(id, named)
      if (earlier !== undefined)
        return E.left(this.repeated(index, id, earlier, customId === undefined))
    }
    this.grow(index + 1)
    if (customId === undefined) {
      if (id !== undefined) this.state[index] = ASSIGNED
    } else if (named === index) {
      this.state[index] = OWN_INDEX
    } else {
      this.given.add(customId, index)
      if (named >= 0) this.givenIndexTexts++
    }
    this.size = index + 1
    return E.right(id)
  }

  private repeated(
    index: number,
    id: string,
    earlier: number,
    assigned: boolean,
  ): InvalidRequestError {
    const how = assigned ? 'the custom_id assigned to it' : 'its custom_id'
    const whose = this.isAssigned(earlier)
      ? `the id assigned to requests[${earlier}]`
      : `requests[${earlier}].custom_id`
    const why = this.assignIds
      ? ' (ids left out are assigned the request index, so a given id must not be one of those)'
      : ''
    return new InvalidRequestError(
      `requests[${index}]: ${how} ${quoteCustomId(id)} repeats ${whose}; custom ids must be unique${why}`,
      { field: `requests[${index}].custom_id` },
    )
  }

  /** The input index of the request with `customId`, or undefined when no request has it. */
  indexOf(customId: string): number | undefined {
    return this.earlierIndexOf(customId, indexText(customId))
  }

  // `named`: the index `id` is the text of, or -1
  private earlierIndexOf(id: string, named: number): number | undefined {
    if (named >= 0) {
      if (named < this.size && ((this.state[named] ?? 0) & BY_INDEX) !== 0) return named
      // only a given id can be an index's text without being its own request's
      if (this.givenIndexTexts === 0) return undefined
    }
    return this.given.size === 0 ? undefined : this.given.get(id)
  }

  /** Counts a result for the request at `index`; returns whether it is the first. */
  recordResult(index: number): boolean {
    const state = this.state[index] ?? 0
    if ((state & (SEEN_ONCE | SEEN_TWICE)) === 0) {
      this.state[index] = state | SEEN_ONCE
      return true
    }
    this.state[index] = state | SEEN_TWICE
    return false
  }

  /** The ids of the requests that got no result, in input order. */
  missing(): string[] {
    const ids: string[] = []
    // the table's entries were added in input order: one walk through both
    let entry = 0
    for (let index = 0; index < this.size; index++) {
      while (entry < this.given.size && this.given.valueAt(entry) < index) entry++
      if (this.seen(index)) continue
      const state = this.state[index] ?? 0
      if ((state & BY_INDEX) !== 0) ids.push(String(index))
      else if (entry < this.given.size && this.given.valueAt(entry) === index) {
        ids.push(this.given.idAt(entry))
      } else ids.push('')
    }
    return ids
  }

  private seen(index: number): boolean {
    return ((this.state[index] ?? 0) & SEEN_ONCE) !== 0
  }

  private isAssigned(index: number): boolean {
    return ((this.state[index] ?? 0) & ASSIGNED) !== 0
  }

  private grow(length: number): void {
    if (length <= this.state.length) return
    const next = new Uint8Array(Math.max(length, this.state.length * 2))
    next.set(this.state)
    this.state = next
  }
}

/** A registry of `ids` in order, each given (none assigned), or the error of one repeated. */
export const registryOf = (
  ids: Iterable<string>,
): E.Either<InvalidRequestError, CustomIdRegistry> => {
  const registry = new CustomIdRegistry()
  let index = 0
  for (const id of ids) {
    const added = registry.add(index++, id)
    if (E.isLeft(added)) return added
  }
  return E.right(registry)
}
