// The injection token of the app's client, and the one lookup that says how to provide it.
import { InjectionToken, type Injector } from '@angular/core'
import type { MistralBatchClient } from 'mistral-batch-rx'

/**
 * The `MistralBatchClient` of an environment injector, provided by `provideMistralBatch`. Tests
 * may provide it themselves: `{ provide: MISTRAL_BATCH_CLIENT, useValue: createClient({ ... }) }`.
 */
export const MISTRAL_BATCH_CLIENT = new InjectionToken<MistralBatchClient>('MISTRAL_BATCH_CLIENT')

/** The client of `injector`, or an error that names `caller` and the provider it lacks. */
export const clientFrom = (injector: Injector, caller: string): MistralBatchClient => {
  const client = injector.get(MISTRAL_BATCH_CLIENT, null)
  if (client === null) {
    throw new Error(
      `${caller}: no MistralBatchClient in this injector; add provideMistralBatch(config) to the ` +
        "app's providers (app.config.ts), or provide MISTRAL_BATCH_CLIENT",
    )
  }
  return client
}
