// Decoding at the edge: unknown input in, Either<DecodeError, A> out, with a readable report.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as t from 'io-ts'
import { DecodeError } from '../errors/DecodeError.js'
import { formatPaths } from './formatPaths.js'

/** At most this many failure lines go into the message; `DecodeError.paths` holds more. */
const MAX_MESSAGE_LINES = 5

/**
 * Decodes with `codec`, turning failures into a `DecodeError` whose message reads
 * `Response did not match BatchJob: status: expected BatchJobStatus, got 42`.
 * `subject` names what was decoded (`Response`, `Result line 12`, ...).
 */
export const decode =
  <A>(codec: t.Decoder<unknown, A>, subject = 'Response') =>
  (u: unknown): E.Either<DecodeError, A> =>
    pipe(
      codec.decode(u),
      E.mapLeft((errors) => {
        const paths = formatPaths(errors)
        const shown = paths.slice(0, MAX_MESSAGE_LINES).join('; ')
        const more = paths.length > MAX_MESSAGE_LINES ? '; …' : ''
        return new DecodeError(
          `${subject} did not match ${codec.name}: ${shown}${more}`,
          errors,
          paths,
        )
      }),
    )
