// The codec builders the wire codecs share. Open enums know some string values yet accept any
// string, so a new server value (a new status, a new endpoint) decodes instead of breaking every
// client.
import * as t from 'io-ts'

/** One of the known values `K`, or any other string (kept distinct so editors still suggest `K`). */
export type OpenEnum<K extends string> = K | (string & {})

/** The codec made by `openEnum`: a string codec that also carries its known values. */
export class OpenEnumType<K extends string> extends t.Type<OpenEnum<K>, string, unknown> {
  /** Tag for io-ts style introspection. */
  readonly _tag = 'OpenEnumType' as const

  /** `name` is the codec name; `values` the values known today. */
  constructor(
    name: string,
    readonly values: ReadonlyArray<K>,
  ) {
    super(
      name,
      (u): u is OpenEnum<K> => typeof u === 'string',
      (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)),
      t.identity,
    )
  }

  /** Whether `value` is one of the values known today. */
  isKnown(value: string): value is K {
    return (this.values as ReadonlyArray<string>).includes(value)
  }
}

/** A codec for a string enum that accepts unknown strings too: `openEnum('BatchJobStatus', [...])`. */
export const openEnum = <const K extends string>(
  name: string,
  values: ReadonlyArray<K>,
): OpenEnumType<K> => new OpenEnumType(name, values)

/** `codec` or `null`. */
export const nullable = <C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> =>
  t.union([codec, t.null])

/** Decodes a missing key as the spec's default `fallback`, so callers never handle `undefined`. */
export const withDefault = <C extends t.Mixed>(
  codec: C,
  fallback: t.TypeOf<C>,
): t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> =>
  new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
    codec.name,
    codec.is,
    (u, c) => (u === undefined ? t.success(fallback) : codec.validate(u, c)),
    codec.encode,
  )
