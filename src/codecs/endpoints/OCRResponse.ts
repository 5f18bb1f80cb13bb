// The body of a /v1/ocr result.
import * as t from 'io-ts'
import { OCRPageObject } from './OCRPageObject.js'
import { OCRUsageInfo } from './OCRUsageInfo.js'

/** OCR: `pages`, `model` and `usage_info` (required), and the document annotation when asked. */
export const OCRResponse = t.intersection(
  [
    t.type({ pages: t.array(OCRPageObject), model: t.string, usage_info: OCRUsageInfo }),
    t.partial({ document_annotation: t.union([t.string, t.null]) }),
  ],
  'OCRResponse',
)
/** OCR: `pages`, `model` and `usage_info` (required), and the document annotation when asked. */
export type OCRResponse = t.TypeOf<typeof OCRResponse>
