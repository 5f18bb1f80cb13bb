// How files read on screen: a row of the files table, and the detailed view of one file.
import type { FileObject } from '../../index.js'
import { formatBytes, formatUnixTime } from './formatUnits.js'
import { formatTable, type TableColumn } from './table.js'

const FILE_COLUMNS: ReadonlyArray<TableColumn> = [
  { header: 'ID' },
  { header: 'FILENAME' },
  { header: 'PURPOSE' },
  { header: 'TYPE' },
  { header: 'SIZE', align: 'right' },
  { header: 'LINES', align: 'right' },
  { header: 'CREATED' },
]

const fileRow = (file: FileObject): string[] => [
  file.id,
  file.filename,
  file.purpose,
  file.sample_type,
  formatBytes(file.bytes),
  file.num_lines === null || file.num_lines === undefined ? '-' : String(file.num_lines),
  formatUnixTime(file.created_at),
]

/** The files as a table with a header line. */
export const formatFileTable = (files: ReadonlyArray<FileObject>): string[] =>
  formatTable(FILE_COLUMNS, files.map(fileRow))

/** Every field of a file, one `name: value` line each. */
export const formatFileDetail = (file: FileObject): string[] => {
  const fields: Array<[string, string]> = [
    ['id', file.id],
    ['filename', file.filename],
    ['purpose', file.purpose],
    ['type', file.sample_type],
    ['source', file.source],
    ['size', file.bytes === null ? '-' : `${formatBytes(file.bytes)} (${file.bytes} bytes)`],
    [
      'lines',
      file.num_lines === null || file.num_lines === undefined ? '-' : String(file.num_lines),
    ],
    ['mimetype', file.mimetype ?? '-'],
    ['created', formatUnixTime(file.created_at)],
    ['expires', formatUnixTime(file.expires_at)],
  ]
  const width = Math.max(...fields.map(([name]) => name.length)) + 1
  return fields.map(([name, value]) => `${`${name}:`.padEnd(width)} ${value}`)
}
