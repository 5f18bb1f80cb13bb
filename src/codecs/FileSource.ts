// Where a file came from: uploaded, a repository, or written by Mistral (batch outputs).
import * as t from 'io-ts'
import { openEnum } from './combinators.js'

/** Every file source the spec lists. */
export const FILE_SOURCES = ['upload', 'repository', 'mistral'] as const

/** A file source (the spec's `Source`): one of `FILE_SOURCES` or any other string. */
export const FileSource = openEnum('FileSource', FILE_SOURCES)
export type FileSource = t.TypeOf<typeof FileSource>
