// Uploads where request bodies cannot stream: the input gathered into one Blob, checked the same.
import { lastValueFrom, Subject } from 'rxjs'
import type { BatchRequest } from '../../src/codecs/BatchRequest.js'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import type { FetchLike } from '../../src/config.js'
import { download$ } from '../../src/files/fileRequests.js'
import { supportsRequestStreams } from '../../src/files/requestStreams.js'
import { upload$ } from '../../src/files/upload.js'
import { testContext } from '../support/httpContext.js'
import { collectText, startFilesEmulator } from './support/filesEmulator.js'

let emulator: RunningEmulator
beforeAll(async () => {
  ;({ emulator } = await startFilesEmulator())
})
afterAll(() => emulator.close())

/** A context whose fetch records the kind of every request body it is given. */
const bodyKinds = () => {
  const kinds: string[] = []
  const fetch: FetchLike = (input, init) => {
    const body = init?.body
    kinds.push(
      body instanceof Blob ? 'blob' : body instanceof ReadableStream ? 'stream' : typeof body,
    )
    return globalThis.fetch(input, init)
  }
  return { ctx: testContext(emulator.url, { fetch }), kinds }
}

const requests = (count: number): BatchRequest[] =>
  Array.from({ length: count }, (_, i) => ({ custom_id: `r${i}`, body: { n: i } }))

async function* oneShot(all: ReadonlyArray<BatchRequest>): AsyncGenerator<BatchRequest> {
  yield* all
}

describe('request streams', () => {
  it('are detected in Node, whose fetch streams a body', () => {
    expect(supportsRequestStreams()).toBe(true)
  })

  it('with streamBody: false, a one-shot source is sent as one Blob, whole', async () => {
    const { ctx, kinds } = bodyKinds()
    const sent = requests(300)
    const file = await lastValueFrom(
      upload$(ctx, oneShot(sent), { filename: 'gathered.jsonl', streamBody: false }),
    )
    expect(kinds).toEqual(['blob'])
    const text = await collectText(download$(ctx, file.id))
    expect(text).toBe(sent.map((r) => `${JSON.stringify(r)}\n`).join(''))
  })

  it('streams by default where it can', async () => {
    const { ctx, kinds } = bodyKinds()
    await lastValueFrom(upload$(ctx, oneShot(requests(3)), { filename: 'streamed.jsonl' }))
    expect(kinds).toEqual(['stream'])
  })

  it('checks the requests while gathering them: a bad one is refused, nothing sent', async () => {
    const { ctx, kinds } = bodyKinds()
    const source = new Subject<BatchRequest>()
    const failure = lastValueFrom(
      upload$(ctx, source, { filename: 'bad.jsonl', streamBody: false }),
    )
    source.next({ custom_id: 'a', body: {} })
    source.next({ custom_id: 'a', body: {} })
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({ field: 'requests[1].custom_id' })
    expect(kinds).toEqual([])
    expect(source.observed).toBe(false)
  })

  it('refuses a streamBody that is not a boolean', async () => {
    const { ctx } = bodyKinds()
    const failure = lastValueFrom(
      upload$(ctx, requests(1), { filename: 'x.jsonl', streamBody: 'no' as unknown as boolean }),
    )
    await expect(failure).rejects.toMatchObject({ field: 'streamBody' })
  })
})
