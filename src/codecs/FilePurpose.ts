// What a file is for: an open enum (the docs already name `audio`, which the spec lacks).
import * as t from 'io-ts'
import { openEnum } from './combinators.js'

/** Every file purpose the spec lists. */
export const FILE_PURPOSES = ['fine-tune', 'batch', 'ocr'] as const

/** A file purpose: one of `FILE_PURPOSES` or any other string. */
export const FilePurpose = openEnum('FilePurpose', FILE_PURPOSES)
export type FilePurpose = t.TypeOf<typeof FilePurpose>
