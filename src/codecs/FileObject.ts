// A file as upload and list return it (the spec's CreateFileResponse and FileSchema).
import * as t from 'io-ts'
import { nullable } from './combinators.js'
import { FilePurpose } from './FilePurpose.js'
import { FileSource } from './FileSource.js'
import { FileVisibility } from './FileVisibility.js'
import { SampleType } from './SampleType.js'

/** A file. `created_at` and `expires_at` are unix seconds. */
export const FileObject = t.intersection(
  [
    t.type({
      id: t.string,
      object: t.string,
      // The schema says integer, but every example in Mistral's own spec shows `bytes: null`:
      // null is accepted so real responses are not rejected.
      bytes: nullable(t.number),
      created_at: t.number,
      filename: t.string,
      purpose: FilePurpose,
      sample_type: SampleType,
      source: FileSource,
    }),
    t.partial({
      num_lines: nullable(t.number),
      mimetype: nullable(t.string),
      signature: nullable(t.string),
      expires_at: nullable(t.number),
      visibility: nullable(FileVisibility),
    }),
  ],
  'FileObject',
)
export type FileObject = t.TypeOf<typeof FileObject>
