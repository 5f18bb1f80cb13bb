// The custom_ids of a run, kept compactly: a byte per request, strings only for the ids given.
import * as E from 'fp-ts/Either'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'

const ASSIGNED = 1
const SEEN_ONCE = 2
const SEEN_TWICE = 4
const MAX_ID_IN_MESSAGE = 64

/** A canonical array index as text: `"0"`, `"17"`, never `"017"` or `"1e3"`. */
const INDEX_TEXT = /^(?:0|[1-9][0-9]{0,15})$/

/** A custom_id as a message shows it: quoted, and cut after 64 characters. */
export const quoteCustomId = (id: string): string =>
  JSON.stringify(id.length > MAX_ID_IN_MESSAGE ? `${id.slice(0, MAX_ID_IN_MESSAGE)}...` : id)

/**
 * Every custom_id of a run, with how many results each got. An id the registry assigns is the
 * request's index as text (`"0"`, `"1"`, ...), so it costs one byte and no string; a given id
 * costs a map entry. A million assigned ids take about 1 MB.
 */
export class CustomIdRegistry {
  /**
   * @param assignIds whether a request without a custom_id is given its index as one (a run,
   *   which joins results by id), or left without (an upload or a create, sent as given)
   */
  constructor(private readonly assignIds = true) {}

  private readonly given = new Map<string, number>()
  private state = new Uint8Array(1024)
  private size = 0

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
    const earlier = id === undefined ? undefined : this.indexOf(id)
    if (id !== undefined && earlier !== undefined)
      return E.left(this.repeated(index, id, earlier, customId === undefined))
    this.grow(index + 1)
    if (customId !== undefined) this.given.set(customId, index)
    else if (id !== undefined) this.state[index] = ASSIGNED
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
    const index = this.given.get(customId)
    if (index !== undefined) return index
    if (!INDEX_TEXT.test(customId)) return undefined
    const assigned = Number(customId)
    return assigned < this.size && this.isAssigned(assigned) ? assigned : undefined
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
    const byIndex = new Map<number, string>()
    for (const [id, index] of this.given) {
      if (!this.seen(index)) byIndex.set(index, id)
    }
    const ids: string[] = []
    for (let index = 0; index < this.size; index++) {
      if (this.seen(index)) continue
      ids.push(this.isAssigned(index) ? String(index) : (byIndex.get(index) ?? ''))
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
