import { previewJson } from '../../src/codecs/previewJson.js'

describe('previewJson', () => {
  it('renders small values as JSON', () => {
    expect(previewJson(42)).toBe('42')
    expect(previewJson('x')).toBe('"x"')
    expect(previewJson(null)).toBe('null')
    expect(previewJson(undefined)).toBe('undefined')
    expect(previewJson({ a: [1, { b: true }], c: undefined })).toBe('{"a":[1,{"b":true}]}')
  })

  it('cuts long values at the limit with an ellipsis', () => {
    expect(previewJson('abcdefghij', 5)).toBe('"abcd…')
    expect(previewJson([1, 2, 3, 4, 5, 6], 6)).toBe('[1,2,3…')
  })

  it('stops walking a huge value early', () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => ({ i, text: 'lorem ipsum' }))
    const calls = { count: 0 }
    const probe = new Proxy(huge, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) calls.count += 1
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    expect(previewJson(probe, 40)).toBe('[{"i":0,"text":"lorem ipsum"},{"i":1,"te…')
    expect(calls.count).toBeLessThan(10)
  })
})
