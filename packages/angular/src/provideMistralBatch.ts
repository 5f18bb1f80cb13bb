// provideMistralBatch: the providers that make an app's client, once, from its config.
import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core'
import { createClient, type ClientConfig } from 'mistral-batch-rx'
import { MISTRAL_BATCH_CLIENT } from './clientToken.js'

/**
 * The config of the app's client: a `ClientConfig`, or a function that returns one, called in an
 * injection context (so it may `inject()` a value of the app, such as its backend's URL).
 */
export type MistralBatchConfig = ClientConfig | (() => ClientConfig)

/**
 * Providers for `bootstrapApplication` (`ApplicationConfig.providers`) or a route's `providers`:
 * `MISTRAL_BATCH_CLIENT`, a client made by `createClient(config)` when first injected, one per
 * environment injector. A config the client refuses (a relative `baseUrl`, no `apiKey`) throws
 * its `InvalidRequestError` at that first injection.
 */
export const provideMistralBatch = (config: MistralBatchConfig): EnvironmentProviders =>
  makeEnvironmentProviders([
    {
      provide: MISTRAL_BATCH_CLIENT,
      useFactory: () => createClient(typeof config === 'function' ? config() : config),
    },
  ])
