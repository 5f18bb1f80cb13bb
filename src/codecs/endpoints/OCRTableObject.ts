// A table extracted from an OCR page.
import * as t from 'io-ts'
import { OCRConfidenceScore } from './OCRConfidenceScore.js'
import { OCRTableFormat } from './OCRTableFormat.js'

/** A table: `id`, `content` and its `format` (`markdown` or `html`, open); word scores when asked. */
export const OCRTableObject = t.intersection(
  [
    t.type({ id: t.string, content: t.string, format: OCRTableFormat }),
    t.partial({ word_confidence_scores: t.union([t.array(OCRConfidenceScore), t.null]) }),
  ],
  'OCRTableObject',
)
/** A table: `id`, `content` and its `format` (`markdown` or `html`, open); word scores when asked. */
export type OCRTableObject = t.TypeOf<typeof OCRTableObject>
