// The lines of a stored file read back (the input of a job), for sending some requests again.
import { type Observable } from 'rxjs'
import { resumableLines$ } from '../batch/resultFileLines.js'
import { download$ } from '../files/fileRequests.js'
import type { HttpContext } from '../http/HttpContext.js'

/** Broken transfers in a row that are resumed, as `results$` does by default. */
const MAX_RESUMES = 5

/**
 * An Observable that, when subscribed, downloads the file `fileId` and emits its non-blank lines
 * in order, resuming a broken transfer where it stopped; a line longer than `maxLineLength` is
 * never held whole and comes as `null`.
 */
export const storedLines$ = (
  ctx: HttpContext,
  fileId: string,
  maxLineLength: number,
): Observable<string | null> =>
  resumableLines$<string | null>(
    () => download$(ctx, fileId, {}, 'none'),
    (line) => line,
    { maxLineLength, tooLong: () => null, maxResumes: MAX_RESUMES, config: ctx.config },
  )
