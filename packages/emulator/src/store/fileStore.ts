// The files of the emulator: their records (the FileSchema of the OpenAPI spec, and its schema on
// disk) and their bytes, streamed in and out.
import * as t from 'io-ts'
import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { lineScanner, type LineScan } from './lineScanner.js'
import {
  Count,
  decodeRecord,
  guarded,
  Integer,
  nullable,
  oneOf,
  RecordStore,
  Uuid,
} from './recordStore.js'

/** The enums of the file schema. */
export const FILE_PURPOSES = ['fine-tune', 'batch', 'ocr'] as const
export type FilePurpose = (typeof FILE_PURPOSES)[number]
export const SAMPLE_TYPES = [
  'pretrain',
  'instruct',
  'batch_request',
  'batch_result',
  'batch_error',
] as const
export const FILE_SOURCES = ['upload', 'repository', 'mistral'] as const
export const FILE_VISIBILITIES = ['workspace', 'user'] as const
export type FileVisibility = (typeof FILE_VISIBILITIES)[number]

/** C0 controls, DEL and C1 controls (all single UTF-16 units): a NUL once broke downloads. */
const isControl = (code: number): boolean => code <= 0x1f || (code >= 0x7f && code <= 0x9f)

/** Whether `name` can be a file's name (no control character): upload refuses the others with a 422. */
export const isValidFilename = (name: string): boolean => {
  for (let index = 0; index < name.length; index += 1) {
    if (isControl(name.charCodeAt(index))) return false
  }
  return true
}

const Filename = guarded(
  'file name without control characters',
  (u): u is string => typeof u === 'string' && isValidFilename(u),
)

/** A file's record (its bytes beside it): FileSchema, nulls where nullable, plus `seq` (order
 * within a second). Exact: a field the schema does not know is dropped, never served. */
export const FileRecord = t.exact(
  t.type({
    id: Uuid,
    object: t.literal('file'),
    bytes: Count,
    created_at: Integer,
    filename: Filename,
    purpose: oneOf('FilePurpose', FILE_PURPOSES),
    sample_type: oneOf('SampleType', SAMPLE_TYPES),
    source: oneOf('Source', FILE_SOURCES),
    num_lines: nullable(Count),
    mimetype: nullable(t.string),
    signature: nullable(t.string),
    expires_at: nullable(Integer),
    visibility: nullable(oneOf('FileVisibility', FILE_VISIBILITIES)),
    seq: Count,
  }),
  'FileRecord',
)
export type FileRecord = t.TypeOf<typeof FileRecord>

export const decodeFileRecord = decodeRecord(FileRecord)

/** The file as the routes return it: every field of FileSchema, nulls where nullable. */
export const toWireFile = (record: FileRecord): Omit<FileRecord, 'seq'> => {
  const { seq: _seq, ...wire } = record
  return wire
}

/** A mimetype for an uploaded file: JSONL by extension, else what the client said. */
export const mimetypeFor = (filename: string, declared: string | undefined): string | null => {
  if (filename.toLowerCase().endsWith('.jsonl')) return 'application/jsonl'
  if (filename.toLowerCase().endsWith('.json')) return 'application/json'
  return declared ?? null
}

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
  dataPath(id: string): string {
    return path.join(this.dir, `${id}.data`)
  }

  /** Streams `source` into a new data file, counting lines (and batch requests if asked) and
   * hashing, never whole in memory; on failure nothing is kept and the error is rethrown. */
  async ingest(source: Readable, checkBatchRequests: boolean): Promise<IngestResult> {
    const id = randomUUID()
    const target = this.dataPath(id)
    const temp = `${target}.part`
    const scanner = lineScanner(checkBatchRequests)
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
    const size = (await fs.stat(this.dataPath(record.id)).catch(() => undefined))?.size
    if (size === undefined) return `its bytes (${name}) are missing`
    if (size !== record.bytes) return `${name} holds ${size} bytes, the record says ${record.bytes}`
    return undefined
  }

  /** Stores the record of bytes already in place under its id, numbered in creation order. */
  async register({ id, ...fields }: Omit<FileRecord, 'object' | 'seq'>): Promise<FileRecord> {
    const record: FileRecord = { id, object: 'file', ...fields, seq: this.nextSeq() }
    await this.put(record)
    return record
  }

  override async delete(id: string): Promise<boolean> {
    const existed = await super.delete(id)
    await fs.rm(this.dataPath(id), { force: true })
    return existed
  }
}
