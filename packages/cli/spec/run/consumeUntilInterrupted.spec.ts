// Consuming a stream until its end or Ctrl-C.
import { Subject } from 'rxjs'
import { consumeUntilInterrupted } from '../../src/run/consumeUntilInterrupted'

describe('consumeUntilInterrupted', () => {
  it('hands each value on and resolves completed at the end', async () => {
    const source = new Subject<number>()
    const seen: number[] = []
    const done = consumeUntilInterrupted(source, new Subject(), (n) => seen.push(n))
    source.next(1)
    source.next(2)
    source.complete()
    await expect(done).resolves.toBe('completed')
    expect(seen).toEqual([1, 2])
  })

  it('on an interrupt resolves interrupted and unsubscribes from the source', async () => {
    const source = new Subject<number>()
    const interrupts = new Subject<void>()
    const done = consumeUntilInterrupted(source, interrupts, () => undefined)
    expect({ source: source.observed, interrupts: interrupts.observed }).toEqual({
      source: true,
      interrupts: true,
    })
    interrupts.next()
    await expect(done).resolves.toBe('interrupted')
    expect({ source: source.observed, interrupts: interrupts.observed }).toEqual({
      source: false,
      interrupts: false,
    })
  })

  it('rejects with the error of the source, or of the handler', async () => {
    const failing = new Subject<number>()
    const done = consumeUntilInterrupted(failing, new Subject(), () => undefined)
    failing.error(new Error('broken'))
    await expect(done).rejects.toThrow('broken')

    const source = new Subject<number>()
    const handled = consumeUntilInterrupted(source, new Subject(), () => {
      throw new Error('disk full')
    })
    source.next(1)
    await expect(handled).rejects.toThrow('disk full')
    expect(source.observed).toBe(false)
  })
})
