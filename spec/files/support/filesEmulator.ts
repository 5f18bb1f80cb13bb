// The emulator and a client context for the files specs, plus small helpers to read what came back.
import { lastValueFrom, toArray, type Observable } from 'rxjs'
import type { BatchRequest } from '../../../src/codecs/BatchRequest.js'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import type { ClientConfig } from '../../../src/config.js'
import type { HttpContext } from '../../../src/http/HttpContext.js'
import { testContext } from '../../support/httpContext.js'

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

/** `count` chat requests with custom ids `r0`.. */
export const chatRequests = (count: number): Array<BatchRequest & { custom_id: string }> =>
  Array.from({ length: count }, (_, i) => ({
    custom_id: `r${i}`,
    body: { model: 'mistral-small-latest', messages: [{ role: 'user', content: `Q ${i}` }] },
  }))

/** The JSONL the encoder makes of `requests`. */
export const jsonlOf = (requests: ReadonlyArray<unknown>): string =>
  requests.map((request) => JSON.stringify(request) + '\n').join('')
