// One page of the file list.
import * as t from 'io-ts'
import { FileObject } from './FileObject.js'

/** A page of files; `total` is null unless asked for with `include_total`. */
export const FileList = t.intersection(
  [
    t.type({ data: t.array(FileObject), object: t.string }),
    t.partial({ total: t.union([t.number, t.null]) }),
  ],
  'FileList',
)
export type FileList = t.TypeOf<typeof FileList>
