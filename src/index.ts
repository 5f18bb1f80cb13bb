// The public surface of mistral-batch-rx (browser-safe): re-exports only.
export * from './codecs/index.js'
export * from './errors/index.js'
export {
  DEFAULT_BASE_URL,
  type ClientConfig,
  type FetchLike,
  type RetryJitter,
  type RetryOptions,
} from './config.js'
export { createClient, type ClientInfo, type MistralBatchClient } from './client.js'
export type { BatchApi, GetBatchJobOptions } from './batch/index.js'
export { toEither } from './operators/toEither.js'
export { VERSION } from './version.js'
