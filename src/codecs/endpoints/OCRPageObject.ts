// One page of an OCR response.
import * as t from 'io-ts'
import { OCRImageObject } from './OCRImageObject.js'
import { OCRPageConfidenceScores } from './OCRPageConfidenceScores.js'
import { OCRPageDimensions } from './OCRPageDimensions.js'
import { OCRTableObject } from './OCRTableObject.js'

const nullableString = t.union([t.string, t.null])

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
/** A page: `index`, `markdown`, `images` and `dimensions` (required), the rest when sent. */
export type OCRPageObject = t.TypeOf<typeof OCRPageObject>
