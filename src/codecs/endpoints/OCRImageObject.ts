// An image extracted from an OCR page, with its bounding box.
import * as t from 'io-ts'

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
/** An extracted image: `id` and its box corners (required, possibly null); base64 and annotation when asked. */
export type OCRImageObject = t.TypeOf<typeof OCRImageObject>
