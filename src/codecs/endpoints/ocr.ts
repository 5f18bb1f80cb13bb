// The response body of the OCR endpoint: pages, their images, tables and confidence scores.
import * as t from 'io-ts'
import { openEnum } from '../openEnum.js'

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

const nullableNumber = t.union([t.number, t.null])
const nullableString = t.union([t.string, t.null])

/** An extracted image: `id` and its box corners (required, possibly null); base64 and annotation when asked. */
export const OCRImageObject = t.intersection(
  [
    t.type({
      id: t.string,
      top_left_x: nullableNumber,
      top_left_y: nullableNumber,
      bottom_right_x: nullableNumber,
      bottom_right_y: nullableNumber,
    }),
    t.partial({ image_base64: nullableString, image_annotation: nullableString }),
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
    t.partial({ word_confidence_scores: t.union([t.array(OCRConfidenceScore), t.null]) }),
  ],
  'OCRTableObject',
)
export type OCRTableObject = t.TypeOf<typeof OCRTableObject>

/** OCR usage: `pages_processed` (required) and the document size when known. */
export const OCRUsageInfo = t.intersection(
  [
    t.type({ pages_processed: t.number }),
    t.partial({ doc_size_bytes: t.union([t.number, t.null]) }),
  ],
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
      dimensions: t.union([OCRPageDimensions, t.null]),
    }),
    t.partial({
      tables: t.array(OCRTableObject),
      hyperlinks: t.array(t.string),
      header: nullableString,
      footer: nullableString,
      confidence_scores: t.union([OCRPageConfidenceScores, t.null]),
      blocks: t.union([t.array(t.UnknownRecord), t.null]),
    }),
  ],
  'OCRPageObject',
)
export type OCRPageObject = t.TypeOf<typeof OCRPageObject>

/** OCR: `pages`, `model` and `usage_info` (required), and the document annotation when asked. */
export const OCRResponse = t.intersection(
  [
    t.type({ pages: t.array(OCRPageObject), model: t.string, usage_info: OCRUsageInfo }),
    t.partial({ document_annotation: t.union([t.string, t.null]) }),
  ],
  'OCRResponse',
)
export type OCRResponse = t.TypeOf<typeof OCRResponse>
