// A random idempotency key, from the platform's crypto where there is one.

/** A random string to tell one create from another: a UUID where `crypto.randomUUID` exists. */
export const randomKey = (): string => {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  return (
    crypto?.randomUUID?.() ??
    `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`
  )
}
