// The request body of the OCR endpoint.
import * as t from 'io-ts'
import { DocumentURLChunk, FileChunk, ImageURLChunk } from './messages.js'
import { anyOf, fields, integer, oneOf, orNull, taggedUnion } from './requestCombinators.js'
import { ResponseFormat } from './tools.js'

/**
 * The document to read, told by its `type`: an uploaded `file`, a `document_url` or an
 * `image_url`. The spec gives each `type` a default, so one without is read as any of them.
 */
const OCRDocument = taggedUnion(
  'OCRDocument',
  'type',
  { file: FileChunk, document_url: DocumentURLChunk, image_url: ImageURLChunk },
  anyOf([
    t.type({ file_id: t.string }),
    t.type({ document_url: t.string }),
    t.type({ image_url: ImageURLChunk.props.image_url }),
  ]),
)

/** A document to read: `document` (required), which pages, and what to extract from them. */
export const OCRRequest = fields(
  { document: OCRDocument },
  {
    model: orNull(t.string),
    pages: anyOf([t.string, t.array(integer), t.null], 'Pages (string | integer[] | null)'),
    include_image_base64: orNull(t.boolean),
    image_limit: orNull(integer),
    image_min_size: orNull(integer),
    bbox_annotation_format: orNull(ResponseFormat),
    document_annotation_format: orNull(ResponseFormat),
    document_annotation_prompt: orNull(t.string),
    table_format: orNull(oneOf(['markdown', 'html'])),
    extract_header: t.boolean,
    extract_footer: t.boolean,
    include_blocks: t.boolean,
    confidence_scores_granularity: orNull(oneOf(['word', 'page', 'block'])),
  },
  'OCRRequest',
)
export type OCRRequest = t.TypeOf<typeof OCRRequest>
