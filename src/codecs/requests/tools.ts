// The tools, tool choices and response formats of chat and conversation requests.
import * as t from 'io-ts'
import {
  anyOf,
  fields,
  jsonObject,
  oneOf,
  optionalFields,
  orNull,
  taggedUnion,
} from './requestCombinators.js'

/** A function the model may call: `name` and its JSON Schema `parameters`. */
const FunctionDefinition = fields(
  { name: t.string, parameters: jsonObject },
  { description: t.string, strict: t.boolean },
  'Function',
)

/** A function tool: `{ type: 'function', function: { name, parameters } }` (`type` may be left out). */
export const Tool = fields(
  { function: FunctionDefinition },
  { type: t.literal('function') },
  'Tool',
)
export type Tool = t.TypeOf<typeof Tool>

/** Which tools of a built-in connector are used, or need a confirmation. */
const ToolConfiguration = optionalFields(
  {
    exclude: orNull(t.array(t.string)),
    include: orNull(t.array(t.string)),
    requires_confirmation: orNull(t.array(t.string)),
  },
  'ToolConfiguration',
)

/** A built-in connector of `type`, with its `tool_configuration`. */
const connectorTool = <K extends string>(type: K) =>
  fields({ type: t.literal(type) }, { tool_configuration: orNull(ToolConfiguration) })

/** The credentials of a custom connector: a `value`, of `type` `oauth2-token` or `api-key`. */
const ConnectorAuthorization = fields(
  { value: t.string },
  { type: oneOf(['oauth2-token', 'api-key']) },
  'ConnectorAuthorization',
)

/**
 * A tool of a chat or a conversation, told by its `type`: a `function` (the default when `type`
 * is left out), a built-in connector (`web_search`, `web_search_premium`, `code_interpreter`,
 * `image_generation`, `document_library`) or a custom `connector`.
 */
export const RequestTool = taggedUnion(
  'RequestTool',
  'type',
  {
    function: Tool,
    web_search: connectorTool('web_search'),
    web_search_premium: connectorTool('web_search_premium'),
    code_interpreter: connectorTool('code_interpreter'),
    image_generation: connectorTool('image_generation'),
    document_library: t.intersection([
      connectorTool('document_library'),
      t.type({ library_ids: t.array(t.string) }),
    ]),
    connector: fields(
      { type: t.literal('connector'), connector_id: t.string },
      {
        authorization: orNull(ConnectorAuthorization),
        tool_configuration: orNull(ToolConfiguration),
      },
    ),
  },
  Tool,
)
export type RequestTool = t.TypeOf<typeof RequestTool>

/** A `tool_choice` keyword: `auto`, `none`, `any` or `required`. */
export const ToolChoiceEnum = oneOf(['auto', 'none', 'any', 'required'])

/** `tool_choice`: a keyword (`auto`, `none`, `any`, `required`) or `{ function: { name } }` to force one. */
export const ToolChoice = anyOf(
  [
    ToolChoiceEnum,
    fields({ function: t.type({ name: t.string }) }, { type: t.literal('function') }),
  ],
  'ToolChoice (one of auto, none, any, required, or { function: { name } })',
)
export type ToolChoice = t.TypeOf<typeof ToolChoice>

/** A JSON Schema for structured outputs: `name` and `schema`, with `description` and `strict`. */
const JsonSchema = fields(
  { name: t.string, schema: jsonObject },
  { description: t.string, strict: t.boolean },
  'JsonSchema',
)

/** The answer's format: `type` `text`, `json_object` or `json_schema` (with its `json_schema`). */
export const ResponseFormat = optionalFields(
  {
    type: oneOf(['text', 'json_object', 'json_schema']),
    json_schema: orNull(JsonSchema),
  },
  'ResponseFormat',
)
export type ResponseFormat = t.TypeOf<typeof ResponseFormat>

/** Every `reasoning_effort` the spec lists. */
export const ReasoningEffort = oneOf(['none', 'minimal', 'low', 'medium', 'high', 'xhigh'])

/** Expected output, to speed up an edit: `{ type: 'content', content }`. */
export const Prediction = optionalFields(
  { type: t.literal('content'), content: t.string },
  'Prediction',
)

/** A guardrail: moderation settings and whether an error of theirs blocks the request. */
export const GuardrailConfig = optionalFields(
  {
    block_on_error: t.boolean,
    moderation_llm_v1: orNull(jsonObject),
    moderation_llm_v2: orNull(jsonObject),
  },
  'GuardrailConfig',
)

/** `stop`: a string, several, or null. */
export const Stop = anyOf([t.string, t.array(t.string), t.null], 'Stop (string | string[] | null)')
