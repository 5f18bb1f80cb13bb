import * as t from 'io-ts'
import { openEnum } from '../../src/codecs/openEnum.js'
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
