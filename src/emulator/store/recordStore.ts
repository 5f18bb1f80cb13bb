// A folder of JSON records kept in memory and on disk: the shared core of the file and job stores.
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { JsonFileWriter, readJsonRecords } from './jsonFiles.js'

/** What every stored record carries: its id, creation second and creation order. */
export interface StoredRecord {
  id: string
  created_at: number
  seq: number
}

/** Records under `<dir>/<id>.json`, loaded at start and written through on every change. */
export class RecordStore<T extends StoredRecord> {
  private readonly records = new Map<string, T>()
  private readonly writer = new JsonFileWriter()
  private seq = 0

  /** A store rooted at `dir`. */
  constructor(readonly dir: string) {}

  /** Creates the folder and loads every record already there. */
  async load(): Promise<T[]> {
    await fs.mkdir(this.dir, { recursive: true })
    for (const record of (await readJsonRecords(this.dir)) as T[]) {
      this.records.set(record.id, record)
      this.seq = Math.max(this.seq, record.seq)
    }
    return [...this.records.values()]
  }

  /** The next creation order number. */
  nextSeq(): number {
    return (this.seq += 1)
  }

  /** Stores (or replaces) a record and writes it to disk. */
  async put(record: T): Promise<void> {
    this.records.set(record.id, record)
    await this.save(record)
  }

  /** Writes a record already held (after changing it in place) to disk. */
  save(record: T): Promise<void> {
    return this.writer.write(this.recordPath(record.id), record)
  }

  /** A record, if it exists. */
  get(id: string): T | undefined {
    return this.records.get(id)
  }

  /** Every record, newest first (by creation second, then creation order). */
  all(): T[] {
    return [...this.records.values()].sort((a, b) => b.created_at - a.created_at || b.seq - a.seq)
  }

  /** How many records there are. */
  get size(): number {
    return this.records.size
  }

  /** Deletes a record; false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    if (!this.records.delete(id)) return false
    await this.writer.remove(this.recordPath(id))
    return true
  }

  /** Removes every record and every file of the folder. */
  async clear(): Promise<void> {
    this.records.clear()
    await this.writer.drain()
    await fs.rm(this.dir, { recursive: true, force: true })
    await fs.mkdir(this.dir, { recursive: true })
  }

  /** Resolves when every pending write is on disk. */
  drain(): Promise<void> {
    return this.writer.drain()
  }

  private recordPath(id: string): string {
    return path.join(this.dir, `${id}.json`)
  }
}
