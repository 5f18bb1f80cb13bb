// A tool call made by the model in an assistant message.
import * as t from 'io-ts'

/** The function the model calls; `arguments` is a JSON object or its text. */
export const FunctionCall = t.type(
  { name: t.string, arguments: t.union([t.UnknownRecord, t.string]) },
  'FunctionCall',
)
/** The function the model calls; `arguments` is a JSON object or its text. */
export type FunctionCall = t.TypeOf<typeof FunctionCall>

/** A tool call: its `function` (required), and `id`, `type` (`function`) and `index` when sent. */
export const ToolCall = t.intersection(
  [
    t.type({ function: FunctionCall }),
    t.partial({ id: t.string, type: t.string, index: t.number }),
  ],
  'ToolCall',
)
/** A tool call: its `function` (required), and `id`, `type` (`function`) and `index` when sent. */
export type ToolCall = t.TypeOf<typeof ToolCall>
