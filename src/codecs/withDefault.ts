// A codec that fills in the spec's default when a key is missing, so callers never handle `undefined`.
import * as t from 'io-ts'

/** Decodes `undefined` as `fallback` and anything else with `codec`; encodes with `codec`. */
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
