// The files of the emulator: metadata records and their bytes on disk, streamed in and out.
import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FileRecord } from './fileRecord.js'
import { LineScanner, type LineScan } from './lineScanner.js'
import { RecordStore } from './recordStore.js'

/** What streaming bytes into the store measured. */
export interface IngestResult {
  /** The new file's id (its bytes are stored, its record not yet). */
  id: string
  bytes: number
  /** First 16 hex digits of the SHA-256 of the bytes. */
  signature: string
  scan: LineScan
}

/** Files on disk as `<dir>/<id>.data`, each with its record `<dir>/<id>.json`. */
export class FileStore extends RecordStore<FileRecord> {
  /** Where a file's bytes are. */
  dataPath(id: string): string {
    return path.join(this.dir, `${id}.data`)
  }

  /**
   * Streams `source` into a new data file, counting lines (and checking for batch requests when
   * asked) and hashing on the way; never holds the whole file in memory. On failure, nothing is
   * kept and the error is rethrown.
   */
  async ingest(source: Readable, checkBatchRequests: boolean): Promise<IngestResult> {
    const id = randomUUID()
    const target = this.dataPath(id)
    const temp = `${target}.part`
    const scanner = new LineScanner(checkBatchRequests)
    const hash = createHash('sha256')
    let bytes = 0
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length
        scanner.write(chunk)
        hash.update(chunk)
        done(null, chunk)
      },
    })
    try {
      await pipeline(source, measure, createWriteStream(temp))
      await fs.rename(temp, target)
    } catch (error) {
      await fs.rm(temp, { force: true })
      throw error
    }
    return { id, bytes, signature: hash.digest('hex').slice(0, 16), scan: scanner.finish() }
  }

  /** A record is only served with its bytes: present, and as many as it says. */
  protected override async verify(record: FileRecord): Promise<string | undefined> {
    const name = path.basename(this.dataPath(record.id))
    const size = await fs.stat(this.dataPath(record.id)).then(
      (stats) => stats.size,
      () => undefined,
    )
    if (size === undefined) return `its bytes (${name}) are missing`
    if (size !== record.bytes) return `${name} holds ${size} bytes, the record says ${record.bytes}`
    return undefined
  }

  /** Deletes a file's record and its bytes; false when it did not exist. */
  override async delete(id: string): Promise<boolean> {
    const existed = await super.delete(id)
    await fs.rm(this.dataPath(id), { force: true })
    return existed
  }
}
