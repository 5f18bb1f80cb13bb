// What the Node helpers work on: a client, or anything with its two file operations.
import type { FilesApi } from '../files/index.js'

/** A client, or anything with its `files.upload$` and `files.download$`. */
export interface FilesTarget {
  readonly files: Pick<FilesApi, 'upload$' | 'download$'>
}
