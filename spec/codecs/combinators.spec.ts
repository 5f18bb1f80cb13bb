import * as t from 'io-ts'
import { nullable, openEnum, withDefault } from '../../src/codecs/combinators.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

const Color = openEnum('Color', ['red', 'green'])
type Color = t.TypeOf<typeof Color>

describe('openEnum', () => {
  it('decodes known and unknown strings alike', () => {
    expect(decodeRight(Color, 'red')).toBe('red')
    expect(decodeRight(Color, 'ultraviolet')).toBe('ultraviolet')
  })

  it('rejects what is not a string, naming the enum', () => {
    expect(decodeLeft(Color, 3).message).toBe(
      'Response did not match Color: <root>: expected Color, got 3',
    )
  })

  it('carries its known values and tells them apart', () => {
    expect(Color.values).toEqual(['red', 'green'])
    expect(Color.isKnown('green')).toBe(true)
    expect(Color.isKnown('blue')).toBe(false)
  })

  it('encodes as the plain string', () => {
    const value: Color = 'green'
    expect(Color.encode(value)).toBe('green')
    expect(Color.is('anything')).toBe(true)
    expect(Color.is(null)).toBe(false)
  })
})

const Page = t.type({ items: withDefault(t.array(t.string), []) }, 'Page')

describe('withDefault', () => {
  it('fills a missing key with the default, keeping other keys', () => {
    expect(decodeRight(Page, { next: 2 })).toEqual({ items: [], next: 2 })
  })

  it('decodes a present value with the codec and reports a wrong one', () => {
    expect(decodeRight(Page, { items: ['a'] })).toEqual({ items: ['a'] })
    expect(decodeLeft(Page, { items: null }).paths).toEqual([
      'items: expected Array<string>, got null',
    ])
  })
})

describe('nullable', () => {
  it("accepts the codec's values and null, under the union's name", () => {
    const NullableCount = nullable(t.number)
    expect(decodeRight(NullableCount, null)).toBeNull()
    expect(decodeRight(NullableCount, 2)).toBe(2)
    expect(decodeLeft(NullableCount, 'two').message).toBe(
      'Response did not match (number | null): <root>: expected (number | null), got "two"',
    )
  })
})
