// Test helpers: cut bytes into chunks, by position, by size or at random.
import fc from 'fast-check'

/** `bytes` cut before each of the given positions (taken modulo the length, deduplicated). */
function cutAt(bytes: Uint8Array, positions: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(positions.map((p) => (bytes.length === 0 ? 0 : p % bytes.length)))]
    .filter((p) => p > 0)
    .sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.slice(start, cut))
    start = cut
  }
  return chunks
}

/** `bytes` cut every `size` bytes. */
export function cutEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = []
  for (let start = 0; start < bytes.length; start += size)
    chunks.push(bytes.slice(start, start + size))
  return chunks
}

/** A chunking: random cut points, or a fixed size from 1 byte to past the staging threshold. */
export const chunkingArbitrary: fc.Arbitrary<(bytes: Uint8Array) => Uint8Array[]> = fc.oneof(
  fc
    .array(fc.nat(), { maxLength: 40 })
    .map((positions) => (bytes: Uint8Array) => cutAt(bytes, positions)),
  fc.integer({ min: 1, max: 700 }).map((size) => (bytes: Uint8Array) => cutEvery(bytes, size)),
)

/** The UTF-8 bytes of `text`. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
