// The emulator's options, their defaults, and the checks applied before anything starts.
import type { FaultSpec } from './faults/faultSpec.js'

/** How to start an emulator. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string
  /**
   * Folder that keeps files, jobs and their progress across restarts. When absent, a temporary
   * folder is used and removed on close. @default undefined
   */
  dataDir?: string
  /** When set, every API request must carry `Authorization: Bearer <apiKey>`, else 401. @default undefined (any key) */
  apiKey?: string
  /** Requests each job processes per second; `Infinity` for as fast as possible. @default 200 */
  rate?: number
  /** How long a new job stays QUEUED, in ms. @default 250 */
  queueDelayMs?: number
  /** How many real ms one hour of `timeout_hours` lasts (a scaled clock). @default 3_600_000 */
  hourMs?: number
  /** Faults to inject from the start. @default no faults */
  faults?: FaultSpec
  /** Seed of the fault PRNG (when the fault spec has none). @default 1 */
  seed?: number
  /** Largest accepted upload, in bytes. @default 536_870_912 (512 MB) */
  maxUploadBytes?: number
  /** fastify's logger: off unless true. @default false */
  logger?: boolean
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<Omit<EmulatorOptions, 'dataDir' | 'apiKey' | 'faults'>> &
  Pick<EmulatorOptions, 'dataDir' | 'apiKey'> & { faults: FaultSpec }

const positive = (name: string, value: number, allowInfinity = false): number => {
  const ok = value > 0 && (Number.isFinite(value) || (allowInfinity && value === Infinity))
  if (!ok) throw new RangeError(`${name} must be a positive number, got ${value}`)
  return value
}

const nonNegative = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a number >= 0, got ${value}`)
  }
  return value
}

/** Fills in defaults and rejects impossible values (with a RangeError naming the option). */
export const resolveOptions = (options: EmulatorOptions = {}): ResolvedOptions => {
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer in 0..65535, got ${port}`)
  }
  return {
    port,
    host: options.host ?? '127.0.0.1',
    dataDir: options.dataDir,
    apiKey: options.apiKey === '' ? undefined : options.apiKey,
    rate: positive('rate', options.rate ?? 200, true),
    queueDelayMs: nonNegative('queueDelayMs', options.queueDelayMs ?? 250),
    hourMs: positive('hourMs', options.hourMs ?? 3_600_000),
    faults: options.faults ?? { rules: [] },
    seed: Math.trunc(options.seed ?? 1),
    maxUploadBytes: positive('maxUploadBytes', options.maxUploadBytes ?? 512 * 1024 * 1024),
    logger: options.logger ?? false,
  }
}
