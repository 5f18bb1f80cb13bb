// Who can see a file.
import * as t from 'io-ts'
import { openEnum } from './openEnum.js'

/** Every visibility the spec lists. */
export const FILE_VISIBILITIES = ['workspace', 'user'] as const

/** A file visibility: one of `FILE_VISIBILITIES` or any other string. */
export const FileVisibility = openEnum('FileVisibility', FILE_VISIBILITIES)
export type FileVisibility = t.TypeOf<typeof FileVisibility>
