// One item of a 422 body's `detail` list (the spec's ValidationError, FastAPI style).
import * as t from 'io-ts'

/** A validation failure: `loc` (path of the bad input), `msg`, `type`; `input` and `ctx` when sent. */
export const ValidationErrorDetail = t.intersection(
  [
    t.type({
      loc: t.array(t.union([t.string, t.number])),
      msg: t.string,
      type: t.string,
    }),
    t.partial({ input: t.unknown, ctx: t.UnknownRecord }),
  ],
  'ValidationErrorDetail',
)
export type ValidationErrorDetail = t.TypeOf<typeof ValidationErrorDetail>
