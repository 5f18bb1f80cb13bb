// The three ways to read a result file that B1 and B2 compare: results$, a careful raw
// pipeline, and Mistral's own SDK. Each resolves with the lines it read.
import { TextDecoderStream } from 'node:stream/web'
import { TextDecoder } from 'node:util'
import { lib } from './env.mjs'

const { fetch } = globalThis

const API_KEY = 'bench-key'

/**
 * The careful raw line loop: decode each chunk with a streaming TextDecoder, split on `\n`, carry
 * the unfinished piece over; `onLine` gets each non-empty line. Returns a push/end pair.
 */
export const rawLineSplitter = (onLine) => {
  const decoder = new TextDecoder()
  let rest = ''
  return {
    push: (chunk) => {
      const pieces = (rest + decoder.decode(chunk, { stream: true })).split('\n')
      rest = pieces.pop()
      for (const piece of pieces) if (piece !== '') onLine(piece)
    },
    end: () => {
      rest += decoder.decode()
      if (rest !== '') onLine(rest)
    },
  }
}

/** results$ over a finished job whose output file is `fileId`, counting Rights and Lefts. */
export const readWithResults = ({ url, job }) => {
  const { createClient } = lib('index.js')
  const client = createClient({ apiKey: API_KEY, baseUrl: url })
  let lines = 0
  let lefts = 0
  return new Promise((resolve, reject) => {
    client.batch.results$(job, { include: 'outputs' }).subscribe({
      next: (line) => (line._tag === 'Right' ? lines++ : lefts++),
      error: reject,
      complete: () => resolve({ lines, lefts }),
    })
  })
}

/** The raw pipeline: the same fetch, a streaming TextDecoder, split, JSON.parse, no checks. */
export const readRaw = async ({ url, fileId }) => {
  const response = await fetch(`${url}/v1/files/${fileId}/content`, {
    headers: { authorization: `Bearer ${API_KEY}` },
  })
  if (!response.ok) throw new Error(`download failed: ${response.status}`)
  let lines = 0
  const splitter = rawLineSplitter((line) => {
    if (JSON.parse(line) !== null) lines++
  })
  for await (const chunk of response.body) splitter.push(chunk)
  splitter.end()
  return { lines, lefts: 0 }
}

let sdkModule
const mistralSdk = async () => (sdkModule ??= await import('@mistralai/mistralai'))

/** Mistral's SDK, the way its docs leave a user to do it: files.download, TextDecoderStream, split, JSON.parse. */
export const readWithSdk = async ({ url, fileId }) => {
  const { Mistral } = await mistralSdk()
  const sdk = new Mistral({ apiKey: API_KEY, serverURL: url })
  const stream = await sdk.files.download({ fileId })
  let lines = 0
  let rest = ''
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    const pieces = (rest + text).split('\n')
    rest = pieces.pop()
    for (const piece of pieces) if (piece !== '' && JSON.parse(piece) !== null) lines++
  }
  if (rest !== '' && JSON.parse(rest) !== null) lines++
  return { lines, lefts: 0 }
}

/** The consumers by name, as B1 and B2 label them. */
export const CONSUMERS = {
  results$: readWithResults,
  raw: readRaw,
  sdk: readWithSdk,
}
