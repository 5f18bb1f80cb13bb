// The error of an upload with no content: a 0-byte file is no batch input, and is refused unsent.
import { InvalidRequestError } from '../errors/InvalidRequestError.js'

/** The `InvalidRequestError` of an empty input (no requests, no bytes), nothing sent. */
export const emptyUploadError = (): InvalidRequestError =>
  new InvalidRequestError(
    'upload$: the input is empty (no requests, no bytes, or only blank text); a file needs at least one line',
    { field: 'input' },
  )
