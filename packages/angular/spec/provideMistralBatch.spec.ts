// provideMistralBatch: one client per environment injector, made from its config when first injected.
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { firstValueFrom } from 'rxjs'
import { isHttpError, isInvalidRequestError, type ClientConfig } from 'mistral-batch-rx'
import { createChatJob } from './support/chatJob.js'
import { bareInjector, loadAngular } from './support/loadAngular.js'

const ng = loadAngular()

describe('provideMistralBatch', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, apiKey: 'the-key', rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())

  const config = (): ClientConfig => ({ apiKey: 'the-key', baseUrl: emulator.url })

  it('provides a client that talks to the server of its config, with its key', async () => {
    const injector = bareInjector(ng, [ng.provideMistralBatch(config())])
    const client = injector.get(ng.MISTRAL_BATCH_CLIENT)
    const created = await createChatJob(client)
    const fetched = await firstValueFrom(client.batch.get$(created.id))
    expect(fetched).toMatchObject({ id: created.id, total_requests: 2 })
  })

  it('sends the key of its config: another one is refused with a 401', async () => {
    const injector = bareInjector(ng, [
      ng.provideMistralBatch({ ...config(), apiKey: 'another-key', retry: { maxRetries: 0 } }),
    ])
    const error = await firstValueFrom(injector.get(ng.MISTRAL_BATCH_CLIENT).batch.list$()).catch(
      (e: unknown) => e,
    )
    expect(isHttpError(error) && error.status).toBe(401)
  })

  it('makes the client when it is first injected, once per injector', () => {
    let made = 0
    const providers = [ng.provideMistralBatch(() => (made++, config()))]
    const first = bareInjector(ng, providers)
    const second = bareInjector(ng, providers)
    expect(made).toBe(0)
    const client = first.get(ng.MISTRAL_BATCH_CLIENT)
    expect(first.get(ng.MISTRAL_BATCH_CLIENT)).toBe(client)
    expect(made).toBe(1)
    expect(second.get(ng.MISTRAL_BATCH_CLIENT)).not.toBe(client)
    expect(made).toBe(2)
  })

  it('calls a config function in an injection context, so it may inject a value of the app', () => {
    const BACKEND_URL = new ng.InjectionToken<string>('BACKEND_URL')
    const injector = bareInjector(ng, [
      { provide: BACKEND_URL, useValue: `${emulator.url}/mistral` },
      ng.provideMistralBatch(() => ({ apiKey: 'the-key', baseUrl: ng.inject(BACKEND_URL) })),
    ])
    expect(injector.get(ng.MISTRAL_BATCH_CLIENT).config.baseUrl).toBe(`${emulator.url}/mistral`)
  })

  it('throws the InvalidRequestError of a config the client refuses at the first injection', () => {
    const injector = bareInjector(ng, [
      ng.provideMistralBatch({ apiKey: 'k', baseUrl: '/mistral' }),
    ])
    let error: unknown
    try {
      injector.get(ng.MISTRAL_BATCH_CLIENT)
    } catch (e) {
      error = e
    }
    expect(isInvalidRequestError(error) && [error.field, error.message]).toEqual([
      'baseUrl',
      'baseUrl is not an absolute URL',
    ])
  })
})
