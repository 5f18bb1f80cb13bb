// Aligned plain-text tables.
import { formatTable } from '../../../src/cli/render/table'

describe('formatTable', () => {
  it('aligns each column to its widest cell, numbers to the right, no trailing spaces', () => {
    const lines = formatTable(
      [{ header: 'ID' }, { header: 'N', align: 'right' }, { header: 'NAME' }],
      [
        ['a', '5', 'first'],
        ['bbbb', '123', ''],
      ],
    )
    expect(lines).toEqual(['ID      N  NAME', 'a       5  first', 'bbbb  123'])
  })

  it('gives just the header without rows', () => {
    expect(formatTable([{ header: 'ID' }, { header: 'STATUS' }], [])).toEqual(['ID  STATUS'])
  })
})
