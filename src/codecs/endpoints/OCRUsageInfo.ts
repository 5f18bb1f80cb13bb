// What an OCR request consumed.
import * as t from 'io-ts'

/** OCR usage: `pages_processed` (required) and the document size when known. */
export const OCRUsageInfo = t.intersection(
  [
    t.type({ pages_processed: t.number }),
    t.partial({ doc_size_bytes: t.union([t.number, t.null]) }),
  ],
  'OCRUsageInfo',
)
/** OCR usage: `pages_processed` (required) and the document size when known. */
export type OCRUsageInfo = t.TypeOf<typeof OCRUsageInfo>
