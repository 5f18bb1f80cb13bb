// injectMistralBatch: the provided client in an injection context, a clear error anywhere else.
import { createClient } from 'mistral-batch-rx'
import { bareInjector, loadAngular } from './support/loadAngular.js'

const ng = loadAngular()

describe('injectMistralBatch', () => {
  it('returns the client of the injector it is called in', () => {
    const injector = bareInjector(ng, [
      ng.provideMistralBatch({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' }),
    ])
    const client = ng.runInInjectionContext(injector, () => ng.injectMistralBatch())
    expect(client).toBe(injector.get(ng.MISTRAL_BATCH_CLIENT))
    expect(client.config.baseUrl).toBe('http://127.0.0.1:9')
  })

  it('returns a client a test provides through MISTRAL_BATCH_CLIENT', () => {
    const mine = createClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' })
    const injector = bareInjector(ng, [{ provide: ng.MISTRAL_BATCH_CLIENT, useValue: mine }])
    expect(ng.runInInjectionContext(injector, () => ng.injectMistralBatch())).toBe(mine)
  })

  it('throws NG0203 naming itself outside an injection context', () => {
    expect(() => ng.injectMistralBatch()).toThrow(/NG0203: injectMistralBatch\(\) can only be used/)
  })

  it('says how to provide a client when none is', () => {
    const injector = bareInjector(ng, [])
    expect(() => ng.runInInjectionContext(injector, () => ng.injectMistralBatch())).toThrow(
      'injectMistralBatch: no MistralBatchClient in this injector; add provideMistralBatch(config)',
    )
  })
})
