// abortOnSignal: a caller's AbortSignal ends the Observable and unsubscribes the source.
import { NEVER, Observable, Subject } from 'rxjs'
import { abortOnSignal } from '../../src/http/abortOnSignal.js'

describe('abortOnSignal', () => {
  const aborted = new Error('aborted')

  it('unsubscribes from the source and errors when the signal aborts', () => {
    let unsubscribed = false
    const source = new Observable<never>(() => () => {
      unsubscribed = true
    })
    const controller = new AbortController()
    const errors: unknown[] = []
    source.pipe(abortOnSignal(controller.signal, () => aborted)).subscribe({
      error: (error: unknown) => errors.push(error),
    })
    expect(unsubscribed).toBe(false)
    controller.abort()
    expect(unsubscribed).toBe(true)
    expect(errors).toEqual([aborted])
  })

  it('never subscribes to the source when already aborted', () => {
    let subscribed = false
    const source = new Observable<never>(() => {
      subscribed = true
    })
    const errors: unknown[] = []
    source.pipe(abortOnSignal(AbortSignal.abort(), () => aborted)).subscribe({
      error: (error: unknown) => errors.push(error),
    })
    expect(subscribed).toBe(false)
    expect(errors).toEqual([aborted])
  })

  it('removes its listener on teardown', () => {
    const controller = new AbortController()
    const added = jest.spyOn(controller.signal, 'addEventListener')
    const removed = jest.spyOn(controller.signal, 'removeEventListener')
    const values = new Subject<number>()
    values.pipe(abortOnSignal(controller.signal, () => aborted)).subscribe()
    expect(added).toHaveBeenCalledTimes(1)
    values.complete()
    expect(removed).toHaveBeenCalledWith('abort', added.mock.calls[0]?.[1])
    NEVER.pipe(abortOnSignal(controller.signal, () => aborted))
      .subscribe()
      .unsubscribe()
    expect(removed).toHaveBeenCalledTimes(2)
  })

  it('passes the source through without a signal', () => {
    const source = new Subject<number>()
    expect(source.pipe(abortOnSignal(undefined, () => aborted))).toBe(source)
  })
})
