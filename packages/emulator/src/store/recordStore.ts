// JSON records in memory and on disk (the core of the file and job stores): schema pieces, decoder,
// and the quarantine that moves damaged state aside (never deleted, so a person can look).
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { shownValue } from '../jsonValues.js'

/** A codec that accepts what the guard `is` accepts, reported under `name`. */
export const guarded = <A>(name: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> => {
  const validate: t.Validate<unknown, A> = (u, c) => (is(u) ? t.success(u) : t.failure(u, c))
  return new t.Type<A, A, unknown>(name, is, validate, t.identity)
}

/** A whole number, as the wire's `integer` (unbranded, so records stay plain numbers). */
export const Integer = guarded('integer', (u): u is number => Number.isSafeInteger(u))

/** A whole number >= 0: counters, byte offsets, creation order. */
export const Count = guarded(
  'integer >= 0',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
)

export const FiniteNumber = guarded('finite number', (u): u is number => Number.isFinite(u))

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A UUID, as every id the emulator makes (and the wire's `format: uuid`) is. */
export const Uuid = guarded('uuid', (u): u is string => typeof u === 'string' && UUID.test(u))

export const oneOf = <A extends string>(name: string, values: readonly A[]) =>
  guarded(name, (u): u is A => typeof u === 'string' && (values as readonly string[]).includes(u))

/** `codec` or null (the spec's `anyOf: [X, null]`). */
export const nullable = <C extends t.Mixed>(codec: C) =>
  t.union([codec, t.null], `${codec.name} or null`)

/** The dotted path of a failure (`progress.offset`, `errors.0.count`), skipping union branches. */
const pathOf = (context: t.Context): { path: string; expected: string } => {
  const named = context.filter(
    (entry, index) => index > 0 && !(context[index - 1]?.type instanceof t.UnionType),
  )
  const last = named[named.length - 1] ?? context[0]
  return { path: named.map((entry) => entry.key).join('.'), expected: last?.type.name ?? '?' }
}

/** `progress is missing, expected JobProgress`, `the record is null, expected JobRecord`. */
const describeFailure = (error: t.ValidationError): string => {
  const { path, expected } = pathOf(error.context)
  const value = error.value === undefined ? 'missing' : shownValue(error.value)
  return `${path === '' ? 'the record' : path} is ${value}, expected ${expected}`
}

/** Decodes `u` with `codec`; a failure reads as its first wrong field. */
export const decodeRecord =
  <A>(codec: t.Decoder<unknown, A>) =>
  (u: unknown): E.Either<string, A> =>
    E.mapLeft((errors: t.Errors) => (errors[0] ? describeFailure(errors[0]) : 'does not fit'))(
      codec.decode(u),
    )

/** Moves the entries `names` of `dir` into `target` (made when missing); one already gone is fine. */
export const quarantine = async (dir: string, names: readonly string[], target: string) => {
  await fs.mkdir(target, { recursive: true })
  for (const name of names) {
    await fs.rename(path.join(dir, name), path.join(target, name)).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error
    })
  }
}

/** What every stored record carries: its id, creation second and creation order. */
type StoredRecord = { id: string; created_at: number; seq: number }

/** How a store reads its records back: their schema, and where the ones that fail it go. */
interface RecordChecks<T> {
  decode(u: unknown): E.Either<string, T>
  /** The folder that receives a record that fails, with its companion files. */
  quarantineDir: string
  /** Told, in one line naming the file, about every record set aside. */
  warn(message: string): void
}

const SUFFIX = '.json'

/** A JSON file parsed, or why it could not be (unreadable, empty, not JSON). */
const readJson = async (file: string): Promise<E.Either<string, unknown>> => {
  const text = await fs.readFile(file, 'utf8').catch((error: Error) => error)
  if (text instanceof Error) return E.left(`the file could not be read (${text.message})`)
  if (text.trim() === '') return E.left('the file is empty')
  try {
    return E.right(JSON.parse(text) as unknown)
  } catch (error) {
    return E.left(`the file is not valid JSON (${(error as Error).message})`)
  }
}

/** Records under `<dir>/<id>.json`, written through atomically (temp file, rename), in call order
 * per record; its companions `<id>.*` (bytes, inline requests, torn temps) go where it goes. */
export class RecordStore<T extends StoredRecord> {
  private readonly records = new Map<string, T>()
  /** The last write queued for each record. */
  private readonly writes = new Map<string, Promise<void>>()
  private readonly watchers = new Set<(record: T) => void>()
  private seq = 0
  private temps = 0

  constructor(
    readonly dir: string,
    private readonly checks: RecordChecks<T>,
  ) {}

  /** Creates the folder and loads its records; a damaged or misnamed one is quarantined with its
   * companions and a warning: never served, never lost. */
  async load(): Promise<T[]> {
    await fs.mkdir(this.dir, { recursive: true })
    const names = await fs.readdir(this.dir)
    const read = await Promise.all(
      names
        .filter((name) => name.endsWith(SUFFIX))
        .map(async (name) => ({ name, record: await this.readRecord(name) })),
    )
    for (const { name, record } of read) {
      if (E.isLeft(record)) await this.setAside(name, record.left, names)
      else {
        this.records.set(record.right.id, record.right)
        this.seq = Math.max(this.seq, record.right.seq)
      }
    }
    return [...this.records.values()]
  }

  /** What a store checks beyond the schema (a file's bytes on disk); undefined when all is well. */
  protected async verify(_record: T): Promise<string | undefined> {
    return undefined
  }

  private async readRecord(name: string): Promise<E.Either<string, T>> {
    const json = await readJson(path.join(this.dir, name))
    const record = E.isLeft(json) ? json : this.checks.decode(json.right)
    if (E.isLeft(record)) return record
    if (record.right.id !== name.slice(0, -SUFFIX.length)) {
      return E.left(`the record's id is ${shownValue(record.right.id)}, not its file name's`)
    }
    const problem = await this.verify(record.right)
    return problem === undefined ? record : E.left(problem)
  }

  private async setAside(name: string, problem: string, names: readonly string[]): Promise<void> {
    const stem = `${name.slice(0, -SUFFIX.length)}.`
    const companions = names.filter((other) => other !== name && other.startsWith(stem))
    const { quarantineDir, warn } = this.checks
    await quarantine(this.dir, [name, ...companions], quarantineDir)
    const also = companions.length === 0 ? '' : ` with ${companions.join(', ')}`
    warn(
      `damaged record ${path.join(this.dir, name)}: ${problem}; moved to ${quarantineDir}${also}`,
    )
  }

  nextSeq(): number {
    return (this.seq += 1)
  }

  async put(record: T): Promise<void> {
    this.records.set(record.id, record)
    await this.save(record)
  }

  /** Writes a record already held (after changing it in place) to disk, telling every watcher. */
  save(record: T): Promise<void> {
    for (const watcher of this.watchers) watcher(record)
    const { id } = record
    const file = this.recordPath(id)
    const text = JSON.stringify(record)
    const temp = `${file}.${process.pid}.${(this.temps += 1)}.tmp`
    const next = this.settled(id).then(async () => {
      await fs.writeFile(temp, text)
      await fs.rename(temp, file)
    })
    this.writes.set(id, next)
    const forget = () => void (this.writes.get(id) === next && this.writes.delete(id))
    next.then(forget, forget)
    return next
  }

  /** Calls `watcher` with every record saved from now on, until the returned function is called. */
  watch(watcher: (record: T) => void): () => void {
    this.watchers.add(watcher)
    return () => this.watchers.delete(watcher)
  }

  get(id: string): T | undefined {
    return this.records.get(id)
  }

  /** Every record, newest first (by creation second, then creation order). */
  all(): T[] {
    return [...this.records.values()].sort((a, b) => b.created_at - a.created_at || b.seq - a.seq)
  }

  get size(): number {
    return this.records.size
  }

  /** Deletes a record (after the writes queued for it); false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    if (!this.records.delete(id)) return false
    await this.settled(id)
    await fs.rm(this.recordPath(id), { force: true })
    return true
  }

  async clear(): Promise<void> {
    this.records.clear()
    await this.drain()
    await fs.rm(this.dir, { recursive: true, force: true })
    await fs.mkdir(this.dir, { recursive: true })
  }

  /** Resolves when every queued write is on disk (or has failed). */
  async drain(): Promise<void> {
    await Promise.all([...this.writes.keys()].map((id) => this.settled(id)))
  }

  private settled(id: string): Promise<void> {
    return (this.writes.get(id) ?? Promise.resolve()).catch(() => undefined)
  }

  private recordPath(id: string): string {
    return path.join(this.dir, `${id}${SUFFIX}`)
  }
}
