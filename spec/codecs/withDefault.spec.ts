import * as t from 'io-ts'
import { withDefault } from '../../src/codecs/withDefault.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

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
