// The seeded generator: mulberry32's sequence, and the helpers built on it.
import { FakeRandom, hex8, round6 } from '../../src/models/fakeKit.js'

describe('FakeRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const random = new FakeRandom(seed)
      return Array.from({ length: 5 }, () => random.nextUint32())
    }
    expect(draw(42)).toEqual(draw(42))
    expect(draw(43)).not.toEqual(draw(42))
  })

  it('is mulberry32: its first draws for seed 0 are the reference values', () => {
    const random = new FakeRandom(0)
    expect([random.nextUint32(), random.nextUint32()]).toEqual([1144304738, 1416247])
  })

  it('keeps nextInt within its bounds and reaches both ends', () => {
    const random = new FakeRandom(7)
    const seen = new Set<number>()
    for (let i = 0; i < 1000; i++) seen.add(random.nextInt(3, 6))
    expect([...seen].sort()).toEqual([3, 4, 5, 6])
  })

  it('writes hex of any length', () => {
    const random = new FakeRandom(1)
    expect(random.hex(20)).toMatch(/^[0-9a-f]{20}$/)
    expect(hex8(255)).toBe('000000ff')
    expect(round6(0.12345678)).toBe(0.123457)
  })
})
