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

  it('keeps given ids that are their own index as such, and finds clashes with them both ways', () => {
    const registry = new CustomIdRegistry()
    expect([registry.add(0, '0'), registry.add(1, undefined), registry.add(2, '5')]).toEqual([
      E.right('0'),
      E.right('1'),
      E.right('5'),
    ])
    expect(['0', '1', '5', '2'].map((id) => registry.indexOf(id))).toEqual([0, 1, 2, undefined])
    const clashes = [registry.add(3, '0'), registry.add(3, '1')].map((added) =>
      E.isLeft(added) ? added.left.message : 'accepted',
    )
    expect(clashes).toEqual([
      expect.stringMatching(/^requests\[3\]: its custom_id "0" repeats requests\[0\].custom_id;/),
      expect.stringMatching(
        /^requests\[3\]: its custom_id "1" repeats the id assigned to requests\[1\];/,
      ),
    ])
    registry.add(3, undefined)
    registry.add(4, undefined)
    const assigned = registry.add(5, undefined)
    expect(E.isLeft(assigned) ? assigned.left.message : 'accepted').toMatch(
      /^requests\[5\]: the custom_id assigned to it "5" repeats requests\[2\].custom_id;/,
    )
  })

  it('lists missing ids of every kind in input order', () => {
    const registry = new CustomIdRegistry()
    const given = [undefined, '1', 'b', '7', undefined, '\u00e9', 'a']
    given.forEach((id, index) => registry.add(index, id))
    registry.recordResult(2)
    registry.recordResult(4)
    expect(registry.missing()).toEqual(['0', '1', '7', '\u00e9', 'a'])
  })

  // The registry as it was, one Map of every id: what the compact one must keep doing.
  const modelOf = (assignIds: boolean, given: ReadonlyArray<string | undefined>) => {
    const ids = new Map<string, number>()
    const assigned = new Set<number>()
    const added: Array<string | undefined> = []
    for (const [index, customId] of given.entries()) {
      const id = customId ?? (assignIds ? String(index) : undefined)
      const earlier = id === undefined ? undefined : ids.get(id)
      if (id !== undefined && earlier !== undefined) {
        const how = customId === undefined ? 'the custom_id assigned to it' : 'its custom_id'
        const whose = assigned.has(earlier)
          ? `the id assigned to requests[${earlier}]`
          : `requests[${earlier}].custom_id`
        return {
          ids,
          added,
          error: `requests[${index}]: ${how} ${JSON.stringify(id)} repeats ${whose}`,
        }
      }
      if (id !== undefined) ids.set(id, index)
      if (customId === undefined && id !== undefined) assigned.add(index)
      added.push(id)
    }
    return { ids, added, error: undefined }
  }

  const someId = fc.constantFrom('0', '1', '2', '3', '10', '01', '', 'a', 'b', '\u00e9', '\ud800')

  it('answers as a Map of every id would, with its good hash or with every hash colliding', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom(undefined, () => 0),
        fc.array(fc.option(someId, { nil: undefined }), { maxLength: 12 }),
        fc.array(fc.nat({ max: 14 }), { maxLength: 6 }),
        (assignIds, hash, given, results) => {
          const registry = new CustomIdRegistry(assignIds, hash)
          const model = modelOf(assignIds, given)
          const added: Array<string | undefined> = []
          let error: string | undefined
          for (const [index, id] of given.entries()) {
            const outcome = registry.add(index, id)
            if (E.isLeft(outcome)) {
              error = outcome.left.message
              break
            }
            added.push(outcome.right)
          }
          expect(added).toEqual(model.added)
          expect(error?.split(';')[0]).toBe(model.error)
          const probes = [...new Set([...given, '4', '00', 'c'])].filter((id) => id !== undefined)
          for (const id of probes) expect(registry.indexOf(id)).toBe(model.ids.get(id))
          const seen = new Set(results.filter((index) => index < registry.count))
          seen.forEach((index) => registry.recordResult(index))
          const missing = model.added.flatMap((id, index) => (seen.has(index) ? [] : [id ?? '']))
          expect(registry.missing()).toEqual(missing)
        },
      ),
    )
  })
})
