// The codec builders of request bodies. A request is checked before it is sent, so its enums are
// closed (a typo fails here, not hours later as a 422 line) where the response codecs stay open;
// unknown extra keys still pass, since Mistral adds fields faster than clients.
import * as t from 'io-ts'

/** A codec for one of the string `values` and nothing else, named `one of a, b, c` for messages. */
export const oneOf = <const K extends string>(values: ReadonlyArray<K>): t.Type<K, K, unknown> => {
  const known: ReadonlySet<string> = new Set(values)
  const is = (u: unknown): u is K => typeof u === 'string' && known.has(u)
  return new t.Type<K, K, unknown>(
    `one of ${values.join(', ')}`,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  )
}

/** A whole number: the spec's `integer` (a plain `number` in TypeScript, unlike the branded `t.Int`). */
export const integer = new t.Type<number, number, unknown>(
  'integer',
  (u): u is number => Number.isInteger(u),
  (u, c) => (Number.isInteger(u) ? t.success(u as number) : t.failure(u, c)),
  t.identity,
)

/** A JSON object of any keys: `t.UnknownRecord` under the name messages should show. */
export const jsonObject = new t.Type<Record<string, unknown>, Record<string, unknown>, unknown>(
  'object',
  t.UnknownRecord.is,
  t.UnknownRecord.validate,
  t.identity,
)

/**
 * `t.union(codecs)` whose `is` allocates nothing (io-ts's makes a closure per call, which a
 * million bodies with a few nullable fields each turn into garbage); it validates, and reports
 * paths, as that union.
 */
export const anyOf = <CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]>(
  codecs: CS,
  name?: string,
): t.UnionC<CS> => {
  const inner = t.union(codecs, name)
  const is = (u: unknown): u is t.TypeOf<CS[number]> => {
    for (let i = 0; i < codecs.length; i++) if (codecs[i]!.is(u)) return true
    return false
  }
  return new t.UnionType(inner.name, is, inner.validate, inner.encode, inner.types)
}

/** `codec` or `null`, as `anyOf`. */
export const orNull = <C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> =>
  anyOf([codec, t.null])

// A body holds a few of the many optional fields its schema lists (ChatCompletionRequest lists
// 22): checking the keys it holds rather than every field the schema names makes `is` cost what
// the body holds (half of what io-ts's own `is` takes on a typical chat body). The keys are read
// as `for...in` reads them, as io-ts reads `u[key]`, so `is` and `validate` still agree.
const optionalFit = (
  optional: ReadonlyMap<string, t.Mixed>,
  u: Record<string, unknown>,
): boolean => {
  for (const key in u) {
    const codec = optional.get(key)
    const value = u[key]
    if (codec !== undefined && value !== undefined && !codec.is(value)) return false
  }
  return true
}

/**
 * `t.intersection([t.type(required), t.partial(optional)])`, the shape of every request body,
 * with a faster `is` (see `optionalFit`); it validates, and reports paths, as that intersection.
 */
export const fields = <R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name?: string,
): t.IntersectionC<[t.TypeC<R>, t.PartialC<O>]> => {
  const inner = t.intersection([t.type(required), t.partial(optional)], name)
  const requiredKeys = Object.keys(required)
  const requiredCodecs = Object.values(required)
  const optionalCodecs = new Map(Object.entries(optional))
  const is = (u: unknown): u is t.TypeOf<typeof inner> => {
    if (!t.UnknownRecord.is(u)) return false
    for (let i = 0; i < requiredKeys.length; i++) {
      if (!requiredCodecs[i]!.is(u[requiredKeys[i]!])) return false
    }
    return optionalFit(optionalCodecs, u)
  }
  return new t.IntersectionType(inner.name, is, inner.validate, inner.encode, inner.types)
}

/** `t.partial(optional)` with the faster `is` of `fields`. */
export const optionalFields = <O extends t.Props>(optional: O, name?: string): t.PartialC<O> => {
  const inner = t.partial(optional, name)
  const optionalCodecs = new Map(Object.entries(optional))
  const is = (u: unknown): u is t.TypeOf<typeof inner> =>
    t.UnknownRecord.is(u) && optionalFit(optionalCodecs, u)
  return new t.PartialType(inner.name, is, inner.validate, inner.encode, inner.props)
}

/**
 * The codec made by `taggedUnion`: one member per value of the `key` field. A failure inside a
 * member is reported under a context entry of that member, which readers of paths skip like a
 * union's member index; only a failure of `key` itself is reported with the `tags` codec.
 */
export class TaggedUnionType<A> extends t.Type<A, A, unknown> {
  /** Tag for io-ts style introspection. */
  readonly _tag = 'TaggedUnionType' as const

  constructor(
    name: string,
    is: t.Is<A>,
    validate: t.Validate<unknown, A>,
    /** The codec of the key's values, the one context entry under this type that is a data key. */
    readonly tags: t.Mixed,
  ) {
    super(name, is, validate, t.identity)
  }
}

type MemberOf<M extends Record<string, t.Mixed>> = { [K in keyof M]: t.TypeOf<M[K]> }[keyof M]

/** The codec of an object without the key: one codec, or one chosen by the object's other keys. */
type WhenAbsent = t.Mixed | ((u: Record<string, unknown>) => t.Mixed)

/**
 * The spec's `oneOf` with a `discriminator`: the value of `key` picks the member, so a failure is
 * reported inside that member (`messages[0].content: ...`) or at the key itself (`messages[0].role:
 * expected one of system, user, assistant, tool`), never as one line per member. `whenAbsent`
 * checks an object without the key (the spec's default member, or one told by its other keys
 * when each member has a default); without it the key is required. Every member (and
 * `whenAbsent`) must be a codec of objects: `is` leaves the record check to it.
 */
export const taggedUnion = <M extends Record<string, t.Mixed>>(
  name: string,
  key: string,
  members: M,
  whenAbsent?: WhenAbsent,
): TaggedUnionType<MemberOf<M>> => {
  const tags = oneOf(Object.keys(members))
  const byTag: ReadonlyMap<unknown, t.Mixed> = new Map(Object.entries(members))
  const memberOf = (u: Record<string, unknown>): t.Mixed | undefined => {
    const tag = u[key]
    if (tag === undefined && whenAbsent !== undefined) {
      return typeof whenAbsent === 'function' ? whenAbsent(u) : whenAbsent
    }
    return byTag.get(tag)
  }
  return new TaggedUnionType<MemberOf<M>>(
    name,
    // every member checks that `u` is a record, so this need not check it first (this runs for
    // every message of every body)
    (u): u is MemberOf<M> => {
      if (typeof u !== 'object' || u === null) return false
      const member = memberOf(u as Record<string, unknown>)
      return member !== undefined && member.is(u)
    },
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c)
      const member = memberOf(u)
      if (member === undefined) return t.failure(u[key], t.appendContext(c, key, tags, u[key]))
      return member.validate(u, t.appendContext(c, '', member, u)) as t.Validation<MemberOf<M>>
    },
    tags,
  )
}
