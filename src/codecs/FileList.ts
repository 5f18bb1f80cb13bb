import * as t from 'io-ts'
import { nullable } from './combinators.js'
import { FileObject } from './FileObject.js'

/** A page of the file list; `total` is null unless asked for with `include_total`. */
export const FileList = t.intersection(
  [
    t.type({ data: t.array(FileObject), object: t.string }),
    t.partial({ total: nullable(t.number) }),
  ],
  'FileList',
)
export type FileList = t.TypeOf<typeof FileList>
