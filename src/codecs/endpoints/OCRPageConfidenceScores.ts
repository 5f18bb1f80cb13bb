// Page-level OCR confidence.
import * as t from 'io-ts'
import { OCRConfidenceScore } from './OCRConfidenceScore.js'

/** Average and minimum confidence of a page (required), word scores for `word` granularity. */
export const OCRPageConfidenceScores = t.intersection(
  [
    t.type({ average_page_confidence_score: t.number, minimum_page_confidence_score: t.number }),
    t.partial({ word_confidence_scores: t.array(OCRConfidenceScore) }),
  ],
  'OCRPageConfidenceScores',
)
/** Average and minimum confidence of a page (required), word scores for `word` granularity. */
export type OCRPageConfidenceScores = t.TypeOf<typeof OCRPageConfidenceScores>
