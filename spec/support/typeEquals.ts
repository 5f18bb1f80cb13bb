// A compile-time check that two types are the same: `expectType<Equals<A, B>>(true)`.

/** `true` when `A` and `B` are the same type (not merely assignable either way), else `false`. */
export type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** Compiles only when `T` is `true`: pass `Equals<...>` and `true`. */
export const expectType = <T extends true>(value: T): T => value

/**
 * `value` itself, compiling only when its type is exactly `T`:
 * `exactly<Observable<CompletedEvent>>()(run$.pipe(filter(isCompletedEvent)))`.
 */
export const exactly =
  <T>() =>
  <V>(value: V, ..._sameType: Equals<V, T> extends true ? [] : [never]): V =>
    value
