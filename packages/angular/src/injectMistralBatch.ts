// injectMistralBatch: the app's client, for a service or a component.
import { assertInInjectionContext, inject, Injector } from '@angular/core'
import type { MistralBatchClient } from 'mistral-batch-rx'
import { clientFrom } from './clientToken.js'

/**
 * The `MistralBatchClient` of the current injection context (a field initializer, a constructor,
 * a factory, `runInInjectionContext`), as provided by `provideMistralBatch`. Throws when called
 * elsewhere, or when no client is provided.
 */
export const injectMistralBatch = (): MistralBatchClient => {
  assertInInjectionContext(injectMistralBatch)
  return clientFrom(inject(Injector), 'injectMistralBatch')
}
