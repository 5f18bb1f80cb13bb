// The custom_id registry: assigned and given ids, clashes, results and the missing ids.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { isInvalidRequestError } from '../../src/errors/index'
import { CustomIdRegistry } from '../../src/jsonl/customIdRegistry'

describe('CustomIdRegistry', () => {
  it('assigns the index as text to requests without an id and keeps given ids', () => {
    const registry = new CustomIdRegistry()
    expect([registry.add(0, undefined), registry.add(1, 'a'), registry.add(2, undefined)]).toEqual([
      E.right('0'),
      E.right('a'),
      E.right('2'),
    ])
    expect(registry.count).toBe(3)
    expect([registry.indexOf('0'), registry.indexOf('a'), registry.indexOf('2')]).toEqual([0, 1, 2])
  })

  it('finds no index for ids never registered, including non-canonical index texts', () => {
    const registry = new CustomIdRegistry()
    registry.add(0, undefined)
    registry.add(1, 'x')
    expect(['1', '00', '0.0', '2', 'y', '-0'].map((id) => registry.indexOf(id))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('rejects a repeated given id, naming both requests', () => {
    const registry = new CustomIdRegistry()
    registry.add(0, 'a')
    const added = registry.add(1, 'a')
    const error = E.isLeft(added) ? added.left : undefined
    expect(isInvalidRequestError(error)).toBe(true)
    expect((error as Error).message).toMatch(
      /^requests\[1\]: its custom_id "a" repeats requests\[0\].custom_id/,
    )
  })

  it('without assigning ids, leaves requests without one alone and checks the given ones', () => {
    const registry = new CustomIdRegistry(false)
    expect([registry.add(0, '1'), registry.add(1, undefined), registry.add(2, '1')]).toEqual([
      E.right('1'),
      E.right(undefined),
      E.left(expect.objectContaining({ field: 'requests[2].custom_id' })),
    ])
  })

  it('tells first results from repeated ones and lists the ids without a result in input order', () => {
    const registry = new CustomIdRegistry()
    for (let i = 0; i < 6; i++) registry.add(i, i % 2 === 0 ? undefined : `id-${i}`)
    expect(registry.recordResult(0)).toBe(true)
    expect(registry.recordResult(0)).toBe(false)
    expect(registry.recordResult(0)).toBe(false)
    expect(registry.recordResult(3)).toBe(true)
    expect(registry.missing()).toEqual(['id-1', '2', '4', 'id-5'])
  })

  it('grows past its first capacity', () => {
    const registry = new CustomIdRegistry()
    for (let i = 0; i < 5000; i++) registry.add(i, undefined)
    expect(registry.indexOf('4999')).toBe(4999)
    expect(registry.missing()).toHaveLength(5000)
  })

  it('accepts any mix of ids exactly when all the resulting ids are distinct', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom('0', '1', '2', '3', 'a', 'b'), { nil: undefined }), {
          maxLength: 8,
        }),
        (given) => {
          const ids = given.map((id, index) => id ?? String(index))
          const distinct = new Set(ids).size === ids.length
          const registry = new CustomIdRegistry()
          const accepted = given.every((id, index) => E.isRight(registry.add(index, id)))
          expect(accepted).toBe(distinct)
        },
      ),
    )
  })
})
