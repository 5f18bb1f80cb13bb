// Fake model of /v1/conversations: one assistant message entry answering the inputs.
import { isRecord } from '../jsonValues.js'
import {
  asSentences,
  estimateTokens,
  fakeHexId,
  fakeWords,
  isArray,
  type FakeCall,
  type FakeAnswer,
} from './fakeKit.js'
import { checkOptionalString, contentText } from './requestChecks.js'

function checkInputs(inputs: unknown): string | undefined {
  const fits =
    (typeof inputs === 'string' && inputs.length > 0) ||
    (isArray(inputs) && inputs.length > 0 && inputs.every(isRecord))
  return fits
    ? undefined
    : 'The request needs `inputs`, a non-empty string or a non-empty array of conversation entries.'
}

function inputsText(inputs: string | Record<string, unknown>[]): string {
  if (typeof inputs === 'string') return inputs
  return inputs.map((entry) => contentText(entry.content)).join('\n')
}

export function fakeConversation(body: Record<string, unknown>, call: FakeCall): FakeAnswer {
  const problem =
    checkInputs(body.inputs) ??
    checkOptionalString(body, 'instructions') ??
    checkOptionalString(body, 'agent_id') ??
    (body.stream === true
      ? 'The emulator answers batch conversations without `stream`.'
      : undefined)
  if (problem !== undefined) return problem
  const inputs = body.inputs as string | Record<string, unknown>[]
  const instructions = typeof body.instructions === 'string' ? body.instructions : ''
  const promptTokens = estimateTokens(`${instructions}\n${inputsText(inputs)}`)
  const completionTokens = call.random.nextInt(8, 40)
  const content = asSentences(call.random, fakeWords(call.random, completionTokens))
  const time = new Date(call.nowSeconds * 1000).toISOString()
  const hexId = fakeHexId(call)
  return {
    object: 'conversation.response',
    conversation_id: `conv_${hexId}`,
    outputs: [
      {
        object: 'entry',
        type: 'message.output',
        created_at: time,
        completed_at: time,
        agent_id: typeof body.agent_id === 'string' ? body.agent_id : null,
        model: call.model,
        id: `msg_${call.random.hex(32)}`,
        role: 'assistant',
        content,
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      connector_tokens: null,
      connectors: null,
    },
  }
}
