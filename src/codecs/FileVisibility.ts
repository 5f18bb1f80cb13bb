import * as t from 'io-ts'
import { openEnum } from './combinators.js'

/** Every visibility the spec lists. */
export const FILE_VISIBILITIES = ['workspace', 'user'] as const

/** Who can see a file: one of `FILE_VISIBILITIES` or any other string. */
export const FileVisibility = openEnum('FileVisibility', FILE_VISIBILITIES)
export type FileVisibility = t.TypeOf<typeof FileVisibility>
