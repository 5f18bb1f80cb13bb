// A file as retrieve returns it (the spec's GetFileResponse): the file object plus `deleted`.
import * as t from 'io-ts'
import { FileObject } from './FileObject.js'

/** A retrieved file: every `FileObject` field, and whether it was `deleted` (required by the spec). */
export const FileDetail = t.intersection([FileObject, t.type({ deleted: t.boolean })], 'FileDetail')
export type FileDetail = t.TypeOf<typeof FileDetail>
