// The format of an OCR table's content: an open enum.
import * as t from 'io-ts'
import { openEnum } from '../openEnum.js'

/** Every table format the spec lists. */
export const OCR_TABLE_FORMATS = ['markdown', 'html'] as const

/** A table format: one of `OCR_TABLE_FORMATS` or any other string. */
export const OCRTableFormat = openEnum('OCRTableFormat', OCR_TABLE_FORMATS)
/** A table format: one of `OCR_TABLE_FORMATS` or any other string. */
export type OCRTableFormat = t.TypeOf<typeof OCRTableFormat>
