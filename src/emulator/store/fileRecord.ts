// A stored file's metadata, and its wire form (the FileSchema of the OpenAPI spec).

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
/** A sample type. */
export type SampleType = (typeof SAMPLE_TYPES)[number]
/** File sources of the spec. */
export const FILE_SOURCES = ['upload', 'repository', 'mistral'] as const
/** A file source. */
export type FileSource = (typeof FILE_SOURCES)[number]
/** File visibilities of the spec. */
export const FILE_VISIBILITIES = ['workspace', 'user'] as const
/** A file visibility. */
export type FileVisibility = (typeof FILE_VISIBILITIES)[number]

/** What the emulator keeps about a file (its bytes live beside it on disk). */
export interface FileRecord {
  id: string
  object: 'file'
  bytes: number
  created_at: number
  filename: string
  purpose: FilePurpose
  sample_type: SampleType
  source: FileSource
  num_lines: number | null
  mimetype: string | null
  signature: string | null
  expires_at: number | null
  visibility: FileVisibility | null
  /** Creation order, to sort files made within the same second. */
  seq: number
}

/** The wire form of a file (every field of FileSchema, nulls where nullable). */
export type WireFile = Omit<FileRecord, 'seq'>

/** The file as the list and upload routes return it. */
export const toWireFile = (record: FileRecord): WireFile => {
  const { seq: _seq, ...wire } = record
  return wire
}

/** A mimetype for an uploaded file: JSONL by extension, else what the client said. */
export const mimetypeFor = (filename: string, declared: string | undefined): string | null => {
  if (filename.toLowerCase().endsWith('.jsonl')) return 'application/jsonl'
  if (filename.toLowerCase().endsWith('.json')) return 'application/json'
  return declared ?? null
}
