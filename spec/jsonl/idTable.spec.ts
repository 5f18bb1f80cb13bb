// The id table: exact texts found again, whatever the hash says, past its first capacity.
import fc from 'fast-check'
import { hashId, IdTable } from '../../src/jsonl/idTable'

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))
const anyText = fc.string({ unit: codeUnit, maxLength: 12 })

describe('IdTable', () => {
  it('finds each id with its value, and nothing for an id it does not hold', () => {
    const table = new IdTable()
    expect([table.add('a', 3), table.add('b', 7), table.add('', 9)]).toEqual([true, true, true])
    expect([table.get('a'), table.get('b'), table.get(''), table.get('c')]).toEqual([
      3,
      7,
      9,
      undefined,
    ])
    expect(table.size).toBe(3)
  })

  it('refuses an id it holds already, keeping the first value', () => {
    const table = new IdTable()
    table.add('x', 1)
    expect(table.add('x', 2)).toBe(false)
    expect([table.get('x'), table.size]).toEqual([1, 1])
  })

  it('tells apart ids whose hashes all collide, and still refuses a real repeat', () => {
    const table = new IdTable(() => 42)
    const ids = ['a', 'b', 'ab', 'ba', '', 'a\u0000', '\u00e9', '\u0080', '\ud800', '\uffff']
    ids.forEach((id, i) => expect(table.add(id, i)).toBe(true))
    ids.forEach((id, i) => expect(table.get(id)).toBe(i))
    expect(ids.map((id) => table.add(id, 99))).toEqual(ids.map(() => false))
    expect(['c', 'aa', 'a\u0001', '\ud801', '\u00e8'].map((id) => table.get(id))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('gives back the exact text of each entry, in the order added', () => {
    const table = new IdTable()
    const ids = ['req-1', '\u00e9t\u00e9', '\ud83d\ude00', '\udc00\ud800', 'x'.repeat(10_000), '']
    ids.forEach((id, i) => table.add(id, i * 10))
    expect(ids.map((_, entry) => table.idAt(entry))).toEqual(ids)
    expect(ids.map((_, entry) => table.valueAt(entry))).toEqual([0, 10, 20, 30, 40, 50])
  })

  it('grows past its first capacity and keeps every id', () => {
    const table = new IdTable()
    for (let i = 0; i < 20_000; i++) table.add(`id-${i}`, i)
    expect(table.size).toBe(20_000)
    expect([table.get('id-0'), table.get('id-19999'), table.get('id-20000')]).toEqual([
      0,
      19_999,
      undefined,
    ])
    expect(table.idAt(12_345)).toBe('id-12345')
  })

  it('behaves as a Map of the first value of each id, with a good hash or a poor one', () => {
    fc.assert(
      fc.property(
        fc.array(anyText, { maxLength: 40 }),
        fc.constantFrom(
          hashId,
          () => 0,
          (id: string) => id.length,
        ),
        (ids, hash) => {
          const table = new IdTable(hash)
          const model = new Map<string, number>()
          ids.forEach((id, i) => {
            expect(table.add(id, i)).toBe(!model.has(id))
            if (!model.has(id)) model.set(id, i)
          })
          expect(table.size).toBe(model.size)
          for (const id of [...ids, 'never added \u0000']) expect(table.get(id)).toBe(model.get(id))
          expect(Array.from({ length: table.size }, (_, entry) => table.idAt(entry))).toEqual([
            ...model.keys(),
          ])
        },
      ),
    )
  })

  it('hashes the same text the same way and spreads neighbouring texts', () => {
    expect(hashId('req-1')).toBe(hashId(`req-${1}`))
    const low = new Set(Array.from({ length: 1024 }, (_, i) => hashId(String(i)) & 1023))
    // 1,024 ids into 1,024 slots: a fair hash leaves about 1 - 1/e of them used
    expect(low.size).toBeGreaterThan(550)
  })
})
