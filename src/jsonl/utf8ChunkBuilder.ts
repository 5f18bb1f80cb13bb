// Gathers short lines into large UTF-8 chunks, so a million lines are not a million writes.

/** The default size of an encoded chunk: 64 KiB. */
export const DEFAULT_CHUNK_BYTES = 64 * 1024

/**
 * The `chunkBytes` option checked: {@link DEFAULT_CHUNK_BYTES} when absent, a RangeError when
 * not a positive integer.
 */
export function chunkBytesOption(chunkBytes: number | undefined): number {
  if (chunkBytes === undefined) return DEFAULT_CHUNK_BYTES
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1) {
    throw new RangeError(`chunkBytes must be a positive integer, got ${String(chunkBytes)}`)
  }
  return chunkBytes
}

/**
 * Collects text and hands it back as UTF-8 chunks of about `chunkBytes` each. The size is
 * counted in UTF-16 code units before encoding, so non-ASCII text gives somewhat larger chunks;
 * a single text longer than `chunkBytes` becomes one chunk of its own.
 */
export class Utf8ChunkBuilder {
  private readonly encoder = new TextEncoder()
  private parts: string[] = []
  private size = 0

  /** @param chunkBytes the size at which a chunk is cut, as checked by {@link chunkBytesOption} */
  constructor(private readonly chunkBytes: number) {}

  /** Adds text; returns a full chunk once `chunkBytes` are gathered, otherwise undefined. */
  add(text: string): Uint8Array | undefined {
    this.parts.push(text)
    this.size += text.length
    return this.size >= this.chunkBytes ? this.flush() : undefined
  }

  /** Returns what is gathered as one chunk, or undefined when nothing is. */
  flush(): Uint8Array | undefined {
    if (this.parts.length === 0) return undefined
    const chunk = this.encoder.encode(this.parts.join(''))
    this.parts = []
    this.size = 0
    return chunk
  }
}
