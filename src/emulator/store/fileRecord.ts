// A stored file's metadata, its schema, and its wire form (the FileSchema of the OpenAPI spec).
import * as t from 'io-ts'
import { Count, decodeRecord, guarded, Integer, nullable, oneOf, Uuid } from './recordCodecs.js'

/** File purposes the API accepts. */
export const FILE_PURPOSES = ['fine-tune', 'batch', 'ocr'] as const
/** A file purpose. */
export type FilePurpose = (typeof FILE_PURPOSES)[number]
/** Sample types of the spec. */
export const SAMPLE_TYPES = [
  'pretrain',
  'instruct',
  'batch_request',
  'batch_result',
  'batch_error',
] as const
/** File sources of the spec. */
export const FILE_SOURCES = ['upload', 'repository', 'mistral'] as const
/** File visibilities of the spec. */
export const FILE_VISIBILITIES = ['workspace', 'user'] as const
/** A file visibility. */
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

/** A file name without control characters. */
const Filename = guarded(
  'file name without control characters',
  (u): u is string => typeof u === 'string' && isValidFilename(u),
)

/**
 * What the emulator keeps about a file (its bytes live beside it on disk): every field of
 * FileSchema, nulls where nullable, plus `seq`, the creation order that sorts files made within
 * the same second. Exact: a field the schema does not know is dropped, never served.
 */
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
/** A stored file's metadata. */
export type FileRecord = t.TypeOf<typeof FileRecord>

/** A file record read back from disk, or the first thing wrong with it. */
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
