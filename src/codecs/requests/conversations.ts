// The request body of the conversations endpoint: inputs as text or entries, tools, and the
// completion arguments of the model or agent that answers.
import * as t from 'io-ts'
import {
  DocumentURLChunk,
  ImageURLChunk,
  TextChunk,
  ThinkChunk,
  ToolReferenceChunk,
} from './messages.js'
import {
  anyOf,
  fields,
  integer,
  jsonObject,
  oneOf,
  optionalFields,
  orNull,
  taggedUnion,
} from './requestCombinators.js'
import {
  GuardrailConfig,
  Prediction,
  ReasoningEffort,
  RequestTool,
  ResponseFormat,
  Stop,
  ToolChoiceEnum,
} from './tools.js'

/** A file a built-in tool made: `tool` and `file_id`. */
const ToolFileChunk = fields(
  { tool: t.string, file_id: t.string },
  {
    type: t.literal('tool_file'),
    file_name: orNull(t.string),
    file_type: orNull(t.string),
  },
  'ToolFileChunk',
)

// The chunks of an entry's content. The spec lists them without a discriminator and gives each
// `type` a default, so a chunk without a `type` is read as any of them.
const ENTRY_CHUNKS = {
  text: TextChunk,
  image_url: ImageURLChunk,
  tool_file: ToolFileChunk,
  document_url: DocumentURLChunk,
  thinking: ThinkChunk,
}
const UNTYPED_CHUNK = anyOf([
  t.type({ text: t.string }),
  t.type({ image_url: ImageURLChunk.props.image_url }),
  t.type({ tool: t.string, file_id: t.string }),
  t.type({ document_url: t.string }),
  t.type({ thinking: t.array(jsonObject) }),
])
const InputChunk = taggedUnion('MessageInputContentChunk', 'type', ENTRY_CHUNKS, UNTYPED_CHUNK)
const OutputChunk = taggedUnion(
  'MessageOutputContentChunk',
  'type',
  { ...ENTRY_CHUNKS, tool_reference: ToolReferenceChunk },
  anyOf([...UNTYPED_CHUNK.types, t.type({ tool: t.string, title: t.string })]),
)

/** The fields every entry may carry. */
const ENTRY = {
  object: t.literal('entry'),
  created_at: t.string,
  completed_at: orNull(t.string),
  id: t.string,
}
const ANSWERED_BY = { agent_id: orNull(t.string), model: orNull(t.string) }

const entry = <R extends t.Props, O extends t.Props>(type: string, required: R, optional: O) =>
  fields(required, { ...ENTRY, type: t.literal(type), ...optional })

const MessageInputEntry = entry(
  'message.input',
  {
    role: oneOf(['assistant', 'user']),
    content: anyOf([t.string, t.array(InputChunk)], 'MessageInputContent'),
  },
  { prefix: t.boolean },
)
const MessageOutputEntry = entry(
  'message.output',
  { content: anyOf([t.string, t.array(OutputChunk)], 'MessageOutputContent') },
  { ...ANSWERED_BY, role: t.literal('assistant') },
)
const FunctionResultEntry = entry(
  'function.result',
  { tool_call_id: t.string, result: t.string },
  {},
)
const FunctionCallEntry = entry(
  'function.call',
  {
    tool_call_id: t.string,
    name: t.string,
    arguments: anyOf([jsonObject, t.string], 'Arguments (object | string)'),
  },
  { ...ANSWERED_BY, confirmation_status: orNull(oneOf(['pending', 'allowed', 'denied'])) },
)
const ToolExecutionEntry = entry(
  'tool.execution',
  { name: t.string, arguments: t.string },
  { ...ANSWERED_BY, info: jsonObject },
)
const AgentHandoffEntry = entry(
  'agent.handoff',
  {
    previous_agent_id: t.string,
    previous_agent_name: t.string,
    next_agent_id: t.string,
    next_agent_name: t.string,
  },
  {},
)

const MessageEntry = anyOf([MessageInputEntry, MessageOutputEntry])

// An entry without a `type` (each has a default) is told by the keys only its kind requires, so
// a mistake is reported against that kind rather than once per kind.
const untypedEntry = (u: Record<string, unknown>): t.Mixed => {
  if ('tool_call_id' in u) return 'result' in u ? FunctionResultEntry : FunctionCallEntry
  if ('previous_agent_id' in u) return AgentHandoffEntry
  if ('arguments' in u) return ToolExecutionEntry
  return u.role === 'assistant' ? MessageEntry : MessageInputEntry
}

/** An entry of a conversation's `inputs`, told by its `type` (a message when left out). */
const InputEntry = taggedUnion(
  'InputEntry',
  'type',
  {
    'message.input': MessageInputEntry,
    'message.output': MessageOutputEntry,
    'function.result': FunctionResultEntry,
    'function.call': FunctionCallEntry,
    'tool.execution': ToolExecutionEntry,
    'agent.handoff': AgentHandoffEntry,
  },
  untypedEntry,
)

/** The completion arguments a conversation passes to its model. */
const CompletionArgs = optionalFields(
  {
    stop: Stop,
    presence_penalty: orNull(t.number),
    frequency_penalty: orNull(t.number),
    temperature: orNull(t.number),
    top_p: orNull(t.number),
    max_tokens: orNull(integer),
    random_seed: orNull(integer),
    prediction: orNull(Prediction),
    response_format: orNull(ResponseFormat),
    tool_choice: ToolChoiceEnum,
    reasoning_effort: orNull(ReasoningEffort),
  },
  'CompletionArgs',
)

/**
 * A conversation turn to run: `inputs` (a string, or a list of entries; required), with the
 * model or agent, tools and completion arguments. `stream` can only be false in a batch.
 */
export const ConversationRequest = fields(
  {
    inputs: anyOf([t.string, t.array(InputEntry)], 'ConversationInputs (string | entries)'),
  },
  {
    stream: t.literal(false),
    store: orNull(t.boolean),
    handoff_execution: orNull(oneOf(['client', 'server'])),
    instructions: orNull(t.string),
    tools: orNull(t.array(RequestTool)),
    completion_args: orNull(CompletionArgs),
    guardrails: orNull(t.array(GuardrailConfig)),
    name: orNull(t.string),
    description: orNull(t.string),
    metadata: orNull(jsonObject),
    agent_id: orNull(t.string),
    agent_version: orNull(anyOf([t.string, integer])),
    model: orNull(t.string),
  },
  'ConversationRequest',
)
export type ConversationRequest = t.TypeOf<typeof ConversationRequest>
