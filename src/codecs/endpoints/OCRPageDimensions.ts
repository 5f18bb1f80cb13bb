// The size of an OCR page's image.
import * as t from 'io-ts'

/** Page image size: `dpi`, `height` and `width` in pixels. */
export const OCRPageDimensions = t.type(
  { dpi: t.number, height: t.number, width: t.number },
  'OCRPageDimensions',
)
/** Page image size: `dpi`, `height` and `width` in pixels. */
export type OCRPageDimensions = t.TypeOf<typeof OCRPageDimensions>
