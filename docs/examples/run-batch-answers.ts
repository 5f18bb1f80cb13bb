// runBatch$ with typed answers: bodies decoded, structured outputs checked, tokens and cost summed.
import { either as E } from 'fp-ts'
import * as t from 'io-ts'
import { filter, lastValueFrom, tap } from 'rxjs'
import {
  ChatCompletionResponse,
  createClient,
  isCompletedEvent,
  isResultEvent,
} from '../../src/index.js'

/** The answer each request asks for, as an io-ts codec: what `content` decodes the JSON into. */
const Tagline = t.type({ answer: t.string }, 'Tagline')

/** The same shape as a JSON schema, for the model: `response_format` of type `json_schema`. */
const TAGLINE_FORMAT = {
  type: 'json_schema',
  json_schema: {
    name: 'tagline',
    schema: {
      type: 'object',
      properties: { answer: { type: 'string' } },
      required: ['answer'],
      additionalProperties: false,
    },
    strict: true,
  },
}

export async function main(baseUrl: string) {
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const products = ['kettle', 'lamp', 'chair']
  const taglines: Record<string, string> = {}
  const completed = await lastValueFrom(
    client
      .runBatch$(
        products.map((product) => ({
          custom_id: product,
          body: {
            messages: [{ role: 'user', content: `A tagline for a ${product}, as JSON.` }],
            response_format: TAGLINE_FORMAT,
          },
        })),
        {
          job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
          watch: { intervalMs: 100 },
          body: ChatCompletionResponse, // result events typed: response.body is a chat completion
          content: Tagline, // ...and each answer's JSON decoded into `content`, or a Left saying why
          price: { 'mistral-small-latest': { inputPerMTok: 0.1, outputPerMTok: 0.3 } }, // live prices
        },
      )
      .pipe(
        tap((event) => {
          if (!isResultEvent(event)) return
          const { custom_id, result } = event
          // a Left of reason 'content': the answer was not JSON, or not a Tagline (see its paths)
          if (E.isRight(result) && !result.right.failed) {
            taglines[custom_id ?? '?'] = result.right.content.answer
          }
        }),
        filter(isCompletedEvent), // the last event, typed CompletedEvent
      ),
  )
  // summary.usage: tokens per model; estimatedCost: at the batch rate (half the prices given)
  const { usage, estimatedCost } = completed.summary
  return { taglines, usage, estimatedCost }
}
