// The io-ts pieces the schemas of stored records are built from, and the decoder that reads them back.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { shownValue } from '../jsonValues.js'

/** A codec that accepts what the guard `is` accepts, reported under `name`. */
export const guarded = <A>(name: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    name,
    is,
    (u, context) => (is(u) ? t.success(u) : t.failure(u, context)),
    t.identity,
  )

/** A whole number, as the wire's `integer` (unbranded, so records stay plain numbers). */
export const Integer = guarded('integer', (u): u is number => Number.isSafeInteger(u))

/** A whole number >= 0: counters, byte offsets, creation order. */
export const Count = guarded(
  'integer >= 0',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
)

/** A finite number (ms timestamps, hours). */
export const FiniteNumber = guarded('finite number', (u): u is number => Number.isFinite(u))

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A UUID, as every id the emulator makes (and the wire's `format: uuid`) is. */
export const Uuid = guarded('uuid', (u): u is string => typeof u === 'string' && UUID.test(u))

/** One of the listed strings (the spec's enums). */
export const oneOf = <A extends string>(
  name: string,
  values: readonly A[],
): t.Type<A, A, unknown> =>
  guarded(name, (u): u is A => typeof u === 'string' && (values as readonly string[]).includes(u))

/** `codec` or null (the spec's `anyOf: [X, null]`). */
export const nullable = <C extends t.Mixed>(codec: C) =>
  t.union([codec, t.null], `${codec.name} or null`)

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
