// The byte bar of downloads: drawn on a terminal, silent elsewhere.
import { createByteProgressView } from '../../src/render/byteProgressView'
import { CapturedOutput } from '../support/captureOutput'

describe('createByteProgressView', () => {
  it('on a terminal, draws the bytes done of the total and the speed', () => {
    const out = new CapturedOutput(true)
    let now = 0
    const bar = createByteProgressView(out, 4096, () => now)
    now = 1000
    bar.add(2048)
    bar.add(2048)
    bar.stop()
    expect(out.text).toContain('100% | 4.0 KB of 4.0 KB | 4.0 KB/s')
  })

  it('off a terminal, writes nothing', () => {
    const out = new CapturedOutput(false)
    const bar = createByteProgressView(out, 4096)
    bar.add(4096)
    bar.stop()
    expect(out.text).toBe('')
  })
})
