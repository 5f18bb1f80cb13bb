// Shared pieces of the run specs: a client on an emulator, chat requests, and event collection.
import { lastValueFrom, toArray, type Observable } from 'rxjs'
import { createClient, type MistralBatchClient } from '../../../src/client'
import type { ClientConfig } from '../../../src/config'
import type { LoggedRequest, RunningEmulator } from '@mistral-batch-rx/emulator'
import type { BatchEvent } from '../../../src/run/BatchEvent'
import { TEST_API_KEY } from '../../support/httpContext'

/** Fast polling, so a run ends soon after its job. */
export const FAST_WATCH = { intervalMs: 20, backoff: 1, maxIntervalMs: 20 } as const

/** A client of `emulator` whose retries wait a few milliseconds; `overrides` replace its config. */
export const clientFor = (
  emulator: RunningEmulator,
  overrides: Omit<ClientConfig, 'retry'> = {},
): MistralBatchClient =>
  createClient({
    apiKey: TEST_API_KEY,
    baseUrl: emulator.url,
    timeoutMs: 10_000,
    retry: {
      maxRetries: 6,
      initialDelayMs: 1,
      maxDelayMs: 10,
      maxRetryAfterMs: 20,
      jitter: 'none',
    },
    ...overrides,
  })

/** A chat request body. */
export const chatBody = (i: number): Record<string, unknown> => ({
  max_tokens: 8,
  messages: [{ role: 'user', content: `Question ${i}` }],
})

/** `count` chat requests; with `ids`, each has `custom_id` `q-<i>`. */
export const chatRequests = (
  count: number,
  ids = false,
): Array<{ custom_id?: string; body: Record<string, unknown> }> =>
  Array.from({ length: count }, (_, i) =>
    ids ? { custom_id: `q-${i}`, body: chatBody(i) } : { body: chatBody(i) },
  )

/** Every event of a run, once it completes (typed as the run's codecs type them). */
export const collect = <B, C>(events$: Observable<BatchEvent<B, C>>): Promise<BatchEvent<B, C>[]> =>
  lastValueFrom(events$.pipe(toArray()))

/** The events of one type. */
export const ofType = <T extends BatchEvent['type']>(
  events: ReadonlyArray<BatchEvent>,
  type: T,
): Array<Extract<BatchEvent, { type: T }>> =>
  events.filter((event): event is Extract<BatchEvent, { type: T }> => event.type === type)

/** The logged requests with this method whose path matches. */
export const logged = (emulator: RunningEmulator, method: string, path: RegExp): LoggedRequest[] =>
  emulator.requests.filter((request) => request.method === method && path.test(request.path))

/** The event types in order, runs of equal types collapsed: `uploaded created progress result completed`. */
export const typeSequence = (events: ReadonlyArray<BatchEvent>): string =>
  events
    .map((event) => event.type)
    .filter((type, i, all) => i === 0 || all[i - 1] !== type)
    .join(' ')
