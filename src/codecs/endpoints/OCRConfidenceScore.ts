// The confidence of one word or token of OCR output.
import * as t from 'io-ts'

/** A scored text segment: `text`, `confidence` (0..1) and its `start_index` in the page markdown. */
export const OCRConfidenceScore = t.type(
  { text: t.string, confidence: t.number, start_index: t.number },
  'OCRConfidenceScore',
)
/** A scored text segment: `text`, `confidence` (0..1) and its `start_index` in the page markdown. */
export type OCRConfidenceScore = t.TypeOf<typeof OCRConfidenceScore>
