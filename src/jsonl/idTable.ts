// A set of strings, each with a number, kept in typed arrays: a few bytes an id, not a Map entry.

/** A 32-bit hash of a string's UTF-16 code units. */
export type IdHash = (id: string) => number

/** FNV-1a over the UTF-16 code units, then murmur3's finalizer to spread the low bits. */
export const hashId: IdHash = (id) => {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Offsets are 32-bit: the ids of one table take at most 4 GiB. */
const MAX_BYTES = 2 ** 32 - 1
const FIRST_SLOTS = 1024
const FIRST_ENTRIES = 256

const grown = <A extends Uint8Array | Uint32Array>(
  array: A,
  length: number,
  make: (n: number) => A,
): A => {
  if (length <= array.length) return array
  const next = make(Math.max(length, array.length * 2))
  next.set(array)
  return next
}

/**
 * Strings, each with a number (a request's index), found again by their exact text. The text is
 * stored in one byte array, a code unit below 0x80 in one byte (any other in two or three, so
 * that every string, lone surrogates included, keeps its own bytes); lookups go through an open
 * hash table of entry numbers. A hash only narrows the search: two entries are the same id when
 * their texts are equal, never because their hashes are, so a collision costs a comparison and
 * nothing else. An entry takes 20 to 28 bytes and its text (a byte a character for ASCII ids),
 * where a Map of short strings takes some 60.
 */
export class IdTable {
  private bytes = new Uint8Array(4096)
  private used = 0
  /** The end of each entry's text in `bytes` (it starts where the one before ends). */
  private ends = new Uint32Array(FIRST_ENTRIES)
  private hashes = new Uint32Array(FIRST_ENTRIES)
  private values = new Uint32Array(FIRST_ENTRIES)
  /** Entry number + 1 of each slot, 0 for an empty one; never more than half full. */
  private slots = new Uint32Array(FIRST_SLOTS)
  private count = 0

  /** @param hash the hash of the ids; tests give a poor one to force collisions */
  constructor(private readonly hash: IdHash = hashId) {}

  /** The number of ids. */
  get size(): number {
    return this.count
  }

  /** The number stored with `id`, or undefined when the table does not hold it. */
  get(id: string): number | undefined {
    const entry = this.find(id, this.hash(id) >>> 0)
    return entry < 0 ? undefined : this.values[entry]
  }

  /**
   * Adds `id` with `value`, an unsigned 32-bit integer; returns false, changing nothing, when the
   * table holds `id` already. Throws a RangeError past 4 GiB of ids.
   */
  add(id: string, value: number): boolean {
    const hash = this.hash(id) >>> 0
    if (this.find(id, hash) >= 0) return false
    const start = this.used
    if (start + 3 * id.length > MAX_BYTES) {
      throw new RangeError('IdTable: the custom_ids of one run take more than 4 GiB')
    }
    this.bytes = grown(this.bytes, start + 3 * id.length, (n) => new Uint8Array(n))
    this.used = this.write(id, start)
    const entry = this.count++
    this.ends = grown(this.ends, this.count, (n) => new Uint32Array(n))
    this.hashes = grown(this.hashes, this.count, (n) => new Uint32Array(n))
    this.values = grown(this.values, this.count, (n) => new Uint32Array(n))
    this.ends[entry] = this.used
    this.hashes[entry] = hash
    this.values[entry] = value
    if (2 * this.count > this.slots.length) this.rehash(this.slots.length * 2)
    else this.place(entry)
    return true
  }

  /** The id of entry `entry` (entries are numbered from 0 in the order they were added). */
  idAt(entry: number): string {
    const end = this.ends[entry] ?? 0
    const codes: number[] = []
    let text = ''
    for (let at = this.startOf(entry); at < end;) {
      const first = this.bytes[at] ?? 0
      if (first < 0x80) {
        codes.push(first)
        at += 1
      } else if (first < 0xc0) {
        codes.push(((first & 0x3f) << 8) | (this.bytes[at + 1] ?? 0))
        at += 2
      } else {
        codes.push(((this.bytes[at + 1] ?? 0) << 8) | (this.bytes[at + 2] ?? 0))
        at += 3
      }
      // a long id goes to String.fromCharCode in pieces, under any engine's argument limit
      if (codes.length === 4096) text += String.fromCharCode(...codes.splice(0))
    }
    return text + String.fromCharCode(...codes)
  }

  /** The number stored with entry `entry`. */
  valueAt(entry: number): number {
    return this.values[entry] ?? 0
  }

  private startOf(entry: number): number {
    return entry === 0 ? 0 : (this.ends[entry - 1] ?? 0)
  }

  /** Writes the code units of `id` from `at`: below 0x80 one byte, below 0x4000 two, else three. */
  private write(id: string, at: number): number {
    const bytes = this.bytes
    let next = at
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i)
      if (code < 0x80) {
        bytes[next++] = code
      } else if (code < 0x4000) {
        bytes[next++] = 0x80 | (code >>> 8)
        bytes[next++] = code & 0xff
      } else {
        bytes[next++] = 0xc0
        bytes[next++] = code >>> 8
        bytes[next++] = code & 0xff
      }
    }
    return next
  }

  /** Whether the text of `entry` is exactly `id`. */
  private equals(entry: number, id: string): boolean {
    const bytes = this.bytes
    const end = this.ends[entry] ?? 0
    let at = this.startOf(entry)
    for (let i = 0; i < id.length; i++) {
      if (at >= end) return false
      const code = id.charCodeAt(i)
      const first = bytes[at] ?? 0
      if (code < 0x80) {
        if (first !== code) return false
        at += 1
      } else if (code < 0x4000) {
        if (first !== (0x80 | (code >>> 8)) || bytes[at + 1] !== (code & 0xff)) return false
        at += 2
      } else {
        if (first !== 0xc0 || bytes[at + 1] !== code >>> 8 || bytes[at + 2] !== (code & 0xff)) {
          return false
        }
        at += 3
      }
    }
    return at === end
  }

  /** The entry holding `id`, or -1. */
  private find(id: string, hash: number): number {
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] ?? 0
      if (held === 0) return -1
      const entry = held - 1
      if (this.hashes[entry] === hash && this.equals(entry, id)) return entry
    }
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1
    let slot = (this.hashes[entry] ?? 0) & mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask
    this.slots[slot] = entry + 1
  }

  private rehash(length: number): void {
    this.slots = new Uint32Array(length)
    for (let entry = 0; entry < this.count; entry++) this.place(entry)
  }
}
