// The emulator and a client context for the files specs, plus small helpers to read what came back.
import { lastValueFrom, toArray, type Observable } from 'rxjs'
import type { BatchRequest } from '../../../src/codecs/BatchRequest.js'
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js'
import type { ClientConfig } from '../../../src/config.js'
import type { HttpContext } from '../../../src/http/HttpContext.js'
import { testContext } from '../../support/httpContext.js'
import { pollUntil } from '../../support/pollUntil.js'

/** A running emulator and a context pointed at it. */
export interface FilesEmulator {
  readonly emulator: RunningEmulator
  readonly ctx: HttpContext
}

/** Starts an emulator (fast jobs) and makes a context for it. */
export const startFilesEmulator = async (overrides: ClientConfig = {}): Promise<FilesEmulator> => {
  const emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0 })
  return { emulator, ctx: testContext(emulator.url, overrides) }
}

/** Every chunk of a byte stream, joined. */
export const collectBytes = async (bytes$: Observable<Uint8Array>): Promise<Uint8Array> => {
  const chunks = await lastValueFrom(bytes$.pipe(toArray()))
  return new Uint8Array(Buffer.concat(chunks))
}

/** The text of a byte stream, UTF-8 decoded. */
export const collectText = async (bytes$: Observable<Uint8Array>): Promise<string> =>
  new TextDecoder().decode(await collectBytes(bytes$))

/** Waits until `check()` holds; the files specs' name for `pollUntil`. */
export const eventually = (check: () => boolean): Promise<void> => pollUntil(check, 'the condition')

/** `count` chat requests with custom ids `r0`.. */
export const chatRequests = (count: number): Array<BatchRequest & { custom_id: string }> =>
  Array.from({ length: count }, (_, i) => ({
    custom_id: `r${i}`,
    body: { model: 'mistral-small-latest', messages: [{ role: 'user', content: `Q ${i}` }] },
  }))

/** The JSONL the encoder makes of `requests`. */
export const jsonlOf = (requests: ReadonlyArray<unknown>): string =>
  requests.map((request) => JSON.stringify(request) + '\n').join('')

/** The slow-body fault the abort checks use: a body of a few hundred bytes takes about 0.4 s. */
export const slowBody = (route: string, chunkBytes = 32, delayMs = 30) => ({
  rules: [{ route, kind: 'slow-body' as const, chunkBytes, delayMs }],
})

/** What {@link runUntilUnsubscribed} saw. */
export interface Unsubscribed {
  /** The status the emulator logged for the request: 0 while it never finished its response. */
  readonly status: number | undefined
  /** Values the operation emitted before it was dropped. */
  readonly values: ReadonlyArray<unknown>
}

/**
 * Subscribes to `op$`, unsubscribes 100 ms after the emulator logged the request (mid-body under
 * a slow-body fault), waits `settleMs`, and reports the logged status: a response the client
 * aborted is never finished, so it stays 0 (a finished one shows its status). The emulator's
 * `openConnections` cannot show this: Node's fetch opens a fresh connection after an abort.
 */
export const runUntilUnsubscribed = async (
  emulator: RunningEmulator,
  op$: Observable<unknown>,
  settleMs = 900,
): Promise<Unsubscribed> => {
  emulator.clearRequests()
  const values: unknown[] = []
  const subscription = op$.subscribe({
    next: (value) => values.push(value),
    error: () => undefined,
  })
  await pollUntil(() => emulator.requests.length === 1, 'the request to arrive')
  await new Promise((resolve) => setTimeout(resolve, 100))
  subscription.unsubscribe()
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  return { status: emulator.requests[0]?.status, values }
}
