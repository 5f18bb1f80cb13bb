// The builders of request codecs: closed enums, integers, tagged unions and their paths.
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { formatPaths } from '../../../src/codecs/formatPaths.js'
import {
  integer,
  jsonObject,
  oneOf,
  taggedUnion,
} from '../../../src/codecs/requests/requestCombinators.js'

const report = (codec: t.Mixed, u: unknown): ReadonlyArray<string> => {
  const decoded = codec.decode(u)
  return E.isLeft(decoded) ? formatPaths(decoded.left) : []
}

describe('oneOf', () => {
  const Role = oneOf(['system', 'user'])

  it('takes its values only, and says which they are', () => {
    expect([Role.is('user'), Role.is('robot'), Role.is(undefined)]).toEqual([true, false, false])
    expect(report(Role, 'system')).toEqual([])
    expect(report(Role, 'robot')).toEqual(['<root>: expected one of system, user, got "robot"'])
  })
})

describe('integer', () => {
  it('takes whole numbers only', () => {
    expect([0, -3, 2 ** 40].map(integer.is)).toEqual([true, true, true])
    expect([1.5, NaN, Infinity, '1', null].map(integer.is)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
    expect(report(integer, 1.5)).toEqual(['<root>: expected integer, got 1.5'])
  })
})

describe('jsonObject', () => {
  it('takes any object but a list, under the name object', () => {
    expect([{}, { a: 1 }].map(jsonObject.is)).toEqual([true, true])
    expect(report(jsonObject, [])).toEqual(['<root>: expected object, got []'])
  })
})

describe('taggedUnion', () => {
  const Text = t.type({ type: t.literal('text'), text: t.string })
  const Image = t.intersection([
    t.type({ type: t.literal('image'), url: t.string }),
    t.partial({ detail: oneOf(['low', 'high']) }),
  ])
  const Chunk = taggedUnion('Chunk', 'type', { text: Text, image: Image })
  const Doc = t.type({ chunks: t.array(Chunk) })

  it('checks the member its tag names', () => {
    const chunks = [
      { type: 'text', text: 'a' },
      { type: 'image', url: 'u', detail: 'low' },
    ]
    expect(Doc.is({ chunks })).toBe(true)
    expect(report(Doc, { chunks })).toEqual([])
  })

  it('reports inside the member, without its entries in the path', () => {
    const chunks = [{ type: 'image', url: 'u', detail: 'mid' }, { type: 'text' }]
    expect(Doc.is({ chunks })).toBe(false)
    expect(report(Doc, { chunks })).toEqual([
      'chunks.0.detail: expected one of low, high, got "mid"',
      'chunks.1.text: expected string, got undefined',
    ])
  })

  it('reports an unknown or missing tag at the tag, with the known ones', () => {
    expect(report(Doc, { chunks: [{ type: 'video' }, { text: 'a' }] })).toEqual([
      'chunks.0.type: expected one of text, image, got "video"',
      'chunks.1.type: expected one of text, image, got undefined',
    ])
    expect(Chunk.is({ type: 'toString' })).toBe(false)
    expect(report(Chunk, 'text')).toEqual(['<root>: expected Chunk, got "text"'])
  })

  it('checks an object without the tag with whenAbsent: a codec, or one chosen by its keys', () => {
    const Lenient = taggedUnion(
      'Lenient',
      'type',
      { text: Text, image: Image },
      t.type({ text: t.string }),
    )
    expect([Lenient.is({ text: 'a' }), Lenient.is({ url: 'u' })]).toEqual([true, false])
    const ByKeys = taggedUnion('ByKeys', 'type', { text: Text, image: Image }, (u) =>
      'url' in u ? t.type({ url: t.string }) : t.type({ text: t.string }),
    )
    expect([ByKeys.is({ url: 'u' }), ByKeys.is({ text: 'a' }), ByKeys.is({ url: 1 })]).toEqual([
      true,
      true,
      false,
    ])
    expect(report(ByKeys, { url: 1 })).toEqual(['url: expected string, got 1'])
  })
})
