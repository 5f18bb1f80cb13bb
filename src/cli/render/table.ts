// Aligned plain-text tables for listings (jobs, files).

/** A column: its header and which side its cells line up on. */
export interface TableColumn {
  /** The header text. */
  readonly header: string
  /** `'right'` for numbers. @default 'left' */
  readonly align?: 'left' | 'right'
}

/**
 * The rows as lines under a header, each column as wide as its widest cell, separated by two
 * spaces; trailing spaces trimmed. No rows gives just the header.
 */
export const formatTable = (
  columns: ReadonlyArray<TableColumn>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
): string[] => {
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: ReadonlyArray<string>): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? ''
        const width = widths[i] ?? 0
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  return [line(columns.map((c) => c.header)), ...rows.map(line)]
}
