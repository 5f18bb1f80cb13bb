// What the Node helpers work on: a client, or the bare context of one.
import { createFilesApi, type FilesApi } from '../files/index.js'
import type { HttpContext } from '../http/HttpContext.js'

/** A client (anything with `files`), or an `HttpContext`. */
export type FilesTarget = { readonly files: Pick<FilesApi, 'upload$' | 'download$'> } | HttpContext

/** The files operations of `target`. */
export const filesOf = (target: FilesTarget): Pick<FilesApi, 'upload$' | 'download$'> =>
  'files' in target ? target.files : createFilesApi(target)
