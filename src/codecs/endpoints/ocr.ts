// The response body of the OCR endpoint: pages, their images, tables and confidence scores.
import * as t from 'io-ts'
import { nullable, openEnum } from '../combinators.js'

/** A scored text segment: `text`, `confidence` (0..1) and its `start_index` in the page markdown. */
export const OCRConfidenceScore = t.type(
  { text: t.string, confidence: t.number, start_index: t.number },
  'OCRConfidenceScore',
)
export type OCRConfidenceScore = t.TypeOf<typeof OCRConfidenceScore>

/** Average and minimum confidence of a page (required), word scores for `word` granularity. */
export const OCRPageConfidenceScores = t.intersection(
  [
    t.type({ average_page_confidence_score: t.number, minimum_page_confidence_score: t.number }),
    t.partial({ word_confidence_scores: t.array(OCRConfidenceScore) }),
  ],
  'OCRPageConfidenceScores',
)
export type OCRPageConfidenceScores = t.TypeOf<typeof OCRPageConfidenceScores>

/** Page image size: `dpi`, `height` and `width` in pixels. */
export const OCRPageDimensions = t.type(
  { dpi: t.number, height: t.number, width: t.number },
  'OCRPageDimensions',
)
export type OCRPageDimensions = t.TypeOf<typeof OCRPageDimensions>

/** An extracted image: `id` and its box corners (required, possibly null); base64 and annotation when asked. */
export const OCRImageObject = t.intersection(
  [
    t.type({
      id: t.string,
      top_left_x: nullable(t.number),
      top_left_y: nullable(t.number),
      bottom_right_x: nullable(t.number),
      bottom_right_y: nullable(t.number),
    }),
    t.partial({ image_base64: nullable(t.string), image_annotation: nullable(t.string) }),
  ],
  'OCRImageObject',
)
export type OCRImageObject = t.TypeOf<typeof OCRImageObject>

/** Every table format the spec lists. */
export const OCR_TABLE_FORMATS = ['markdown', 'html'] as const

/** A table format: one of `OCR_TABLE_FORMATS` or any other string. */
export const OCRTableFormat = openEnum('OCRTableFormat', OCR_TABLE_FORMATS)
export type OCRTableFormat = t.TypeOf<typeof OCRTableFormat>

/** A table: `id`, `content` and its `format` (`markdown` or `html`, open); word scores when asked. */
export const OCRTableObject = t.intersection(
  [
    t.type({ id: t.string, content: t.string, format: OCRTableFormat }),
    t.partial({ word_confidence_scores: nullable(t.array(OCRConfidenceScore)) }),
  ],
  'OCRTableObject',
)
export type OCRTableObject = t.TypeOf<typeof OCRTableObject>

/** OCR usage: `pages_processed` (required) and the document size when known. */
export const OCRUsageInfo = t.intersection(
  [t.type({ pages_processed: t.number }), t.partial({ doc_size_bytes: nullable(t.number) })],
  'OCRUsageInfo',
)
export type OCRUsageInfo = t.TypeOf<typeof OCRUsageInfo>

/**
 * A page: `index`, `markdown`, `images` and `dimensions` (required), the rest when sent. `blocks`
 * stay plain objects with a `type` key: the spec has thirteen block kinds and adds more.
 */
export const OCRPageObject = t.intersection(
  [
    t.type({
      index: t.number,
      markdown: t.string,
      images: t.array(OCRImageObject),
      dimensions: nullable(OCRPageDimensions),
    }),
    t.partial({
      tables: t.array(OCRTableObject),
      hyperlinks: t.array(t.string),
      header: nullable(t.string),
      footer: nullable(t.string),
      confidence_scores: nullable(OCRPageConfidenceScores),
      blocks: nullable(t.array(t.UnknownRecord)),
    }),
  ],
  'OCRPageObject',
)
export type OCRPageObject = t.TypeOf<typeof OCRPageObject>

/** OCR: `pages`, `model` and `usage_info` (required), and the document annotation when asked. */
export const OCRResponse = t.intersection(
  [
    t.type({ pages: t.array(OCRPageObject), model: t.string, usage_info: OCRUsageInfo }),
    t.partial({ document_annotation: nullable(t.string) }),
  ],
  'OCRResponse',
)
export type OCRResponse = t.TypeOf<typeof OCRResponse>
