// A folder of JSON records kept in memory and on disk: the shared core of the file and job stores.
import * as E from 'fp-ts/Either'
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { shownValue } from '../jsonValues.js'
import { JsonFileWriter, readJsonFile } from './jsonFiles.js'
import { quarantine } from './quarantine.js'

/** What every stored record carries: its id, creation second and creation order. */
interface StoredRecord {
  id: string
  created_at: number
  seq: number
}

/** How a store reads its records back: their schema, and where the ones that fail it go. */
interface RecordChecks<T> {
  /** The record a parsed JSON value is, or the first thing wrong with it. */
  decode(u: unknown): E.Either<string, T>
  /** The folder that receives a record that fails, with its companion files. */
  quarantineDir: string
  /** Told, in one line naming the file, about every record set aside. */
  warn(message: string): void
}

const RECORD_SUFFIX = '.json'

/**
 * Records under `<dir>/<id>.json`, loaded at start and written through on every change. A
 * record's companions are the other entries named `<id>.*` (a file's bytes, a job's inline
 * requests, a torn temp file): they go where the record goes.
 */
export class RecordStore<T extends StoredRecord> {
  private readonly records = new Map<string, T>()
  private readonly writer = new JsonFileWriter()
  private readonly watchers = new Set<(record: T) => void>()
  private seq = 0

  /** A store rooted at `dir`, whose records on disk must pass `checks`. */
  constructor(
    readonly dir: string,
    private readonly checks: RecordChecks<T>,
  ) {}

  /**
   * Creates the folder and loads every record already there. One that is unreadable, not JSON,
   * off its schema, or not the record its name says is moved with its companions to the
   * quarantine folder, with a warning: the store never serves it, and nothing is lost.
   */
  async load(): Promise<T[]> {
    await fs.mkdir(this.dir, { recursive: true })
    const names = await fs.readdir(this.dir)
    const read = await Promise.all(
      names
        .filter((name) => name.endsWith(RECORD_SUFFIX))
        .map(async (name) => ({ name, record: await this.readRecord(name) })),
    )
    for (const { name, record } of read) {
      if (E.isLeft(record)) {
        await this.setAside(name, record.left, names)
        continue
      }
      this.records.set(record.right.id, record.right)
      this.seq = Math.max(this.seq, record.right.seq)
    }
    return [...this.records.values()]
  }

  /** What a store checks beyond the schema (a file's bytes on disk); undefined when all is well. */
  protected async verify(_record: T): Promise<string | undefined> {
    return undefined
  }

  private async readRecord(name: string): Promise<E.Either<string, T>> {
    const json = await readJsonFile(path.join(this.dir, name))
    if (E.isLeft(json)) return json
    const record = this.checks.decode(json.right)
    if (E.isLeft(record)) return record
    const id = name.slice(0, -RECORD_SUFFIX.length)
    if (record.right.id !== id) {
      return E.left(`the record's id is ${shownValue(record.right.id)}, not its file name's`)
    }
    const problem = await this.verify(record.right)
    return problem === undefined ? record : E.left(problem)
  }

  private async setAside(name: string, problem: string, names: readonly string[]): Promise<void> {
    const stem = `${name.slice(0, -RECORD_SUFFIX.length)}.`
    const companions = names.filter((other) => other !== name && other.startsWith(stem))
    const { quarantineDir, warn } = this.checks
    await quarantine(this.dir, [name, ...companions], quarantineDir)
    const also = companions.length === 0 ? '' : ` with ${companions.join(', ')}`
    warn(
      `damaged record ${path.join(this.dir, name)}: ${problem}; moved to ${quarantineDir}${also}`,
    )
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

  /** Writes a record already held (after changing it in place) to disk, telling every watcher. */
  save(record: T): Promise<void> {
    for (const watcher of this.watchers) watcher(record)
    return this.writer.write(this.recordPath(record.id), record)
  }

  /** Calls `watcher` with every record saved from now on, until the returned function is called. */
  watch(watcher: (record: T) => void): () => void {
    this.watchers.add(watcher)
    return () => this.watchers.delete(watcher)
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
