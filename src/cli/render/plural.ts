// Counted nouns in messages: `1 request`, `2 requests`, never `1 requests`.

/** `n` and the noun, singular for exactly one. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`
