import * as t from 'io-ts'
import { FileObject } from './FileObject.js'

/** A file as retrieve returns it (the spec's GetFileResponse): a `FileObject` and `deleted`. */
export const FileDetail = t.intersection([FileObject, t.type({ deleted: t.boolean })], 'FileDetail')
export type FileDetail = t.TypeOf<typeof FileDetail>
