// Where create$ keeps an idempotency key: a metadata entry of the job it creates.

/** The metadata key under which `create$` stores `idempotencyKey`. */
export const IDEMPOTENCY_METADATA_KEY = 'idempotency_key'
