// The body of a /v1/fim/completions result: the chat completion shape (the spec's allOf).
import * as t from 'io-ts'
import { ChatCompletionResponse } from './ChatCompletionResponse.js'

/** A fill-in-the-middle completion: the same fields as `ChatCompletionResponse`. */
export const FIMCompletionResponse = t.type(ChatCompletionResponse.props, 'FIMCompletionResponse')
/** A fill-in-the-middle completion: the same fields as `ChatCompletionResponse`. */
export type FIMCompletionResponse = t.TypeOf<typeof FIMCompletionResponse>
