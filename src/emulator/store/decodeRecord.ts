// A record read back from disk checked against its schema: the record, or one line saying what is wrong.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { shownValue } from '../jsonValues.js'

/** The dotted path of a failure (`progress.offset`, `errors.0.count`), skipping union branches. */
const pathOf = (context: t.Context): { path: string; expected: string } => {
  const named = context.filter(
    (entry, index) => index > 0 && !(context[index - 1]?.type instanceof t.UnionType),
  )
  const last = named[named.length - 1] ?? context[0]
  return { path: named.map((entry) => entry.key).join('.'), expected: last?.type.name ?? '?' }
}

/** `progress is missing, expected JobProgress`, `the record is null, expected JobRecord`. */
const describeFailure = (error: t.ValidationError): string => {
  const { path, expected } = pathOf(error.context)
  const value = error.value === undefined ? 'missing' : shownValue(error.value)
  return `${path === '' ? 'the record' : path} is ${value}, expected ${expected}`
}

/** Decodes `u` with `codec`; a failure reads as its first wrong field. */
export const decodeRecord =
  <A>(codec: t.Decoder<unknown, A>) =>
  (u: unknown): E.Either<string, A> =>
    pipe(
      codec.decode(u),
      E.mapLeft((errors) =>
        errors[0] === undefined ? 'does not fit' : describeFailure(errors[0]),
      ),
    )
