// @mistral-batch-rx/emulator: start a local Mistral Batch + Files server (Node only).
import type { FastifyInstance } from 'fastify'
import { promises as fs } from 'node:fs'
import type { AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { createClock } from './clock.js'
import { createFaultEngine, type FaultController } from './faults/faultController.js'
import { RequestLog, type LoggedRequest } from './http/requestHooks.js'
import { JobEngine } from './jobs/jobEngine.js'
import { decodeJobRecord } from './jobs/jobRecord.js'
import { resolveOptions, type EmulatorOptions, type ResolvedOptions } from './options.js'
import { emulatorStats } from './routes/adminRoutes.js'
import { buildServer, type EmulatorStats, type ServerContext } from './server.js'
import { decodeFileRecord } from './store/fileStore.js'
import { FileStore } from './store/fileStore.js'
import { RecordStore } from './store/recordStore.js'
import { loadSigningKey } from './store/signedUrl.js'

export type { EmulatorOptions, FailedLines, MissingLines } from './options.js'
export type { EmulatorStats } from './server.js'
export type { FaultController, InjectedFault } from './faults/faultController.js'
export { FAULT_KINDS, parseFaultSpec } from './faults/faultSpec.js'
export type { FaultKind, FaultRule, FaultSpec } from './faults/faultSpec.js'
export type { LoggedRequest } from './http/requestHooks.js'
export { EMULATOR_USAGE, parseEmulatorArgs, type EmulatorArgs } from './binArgs.js'

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:43121` (give it to a client as its base URL). */
  readonly url: string
  /** The port it listens on. */
  readonly port: number
  /** The folder holding its files and jobs. */
  readonly dataDir: string
  /** Stops the server and every job (jobs stay resumable in `dataDir`); removes a temporary folder. */
  close(): Promise<void>
  /** Every request received so far (admin routes excluded), oldest first. */
  readonly requests: ReadonlyArray<LoggedRequest>
  /** Forgets the logged requests. */
  clearRequests(): void
  /** Reads and changes the injected faults at runtime. */
  readonly faults: FaultController
  /** The scaled clock: `step(ms)` moves it forward (timeouts, queue delays, signed URL expiry). */
  readonly clock: { now(): number; step(ms: number): void; readonly offsetMs: number }
  /** Deletes every file and job and forgets the request log. */
  reset(): Promise<void>
  /** Connection count, job counts, memory and more. */
  stats(): EmulatorStats
}

/** Loads the stored files and the job records, setting damaged ones aside under `quarantine/`. */
const openContext = async (options: ResolvedOptions, dataDir: string): Promise<ServerContext> => {
  const quarantineDir = path.join(dataDir, 'quarantine')
  const warn = options.onWarning
  const checks = <T>(name: string, decode: T) => ({
    decode,
    quarantineDir: path.join(quarantineDir, name),
    warn,
  })
  const files = new FileStore(path.join(dataDir, 'files'), checks('files', decodeFileRecord))
  await files.load()
  const jobStore = new RecordStore(path.join(dataDir, 'jobs'), checks('jobs', decodeJobRecord))
  // A clock step wakes every job, so a deadline passed by the step is seen at once.
  const clock = createClock(() => jobs.wakeAll())
  const { rate, queueDelayMs, hourMs, failedLines, missingLines } = options
  const jobs = new JobEngine(jobStore, {
    files,
    clock,
    rate,
    queueDelayMs,
    hourMs,
    failedLines,
    missingLines,
  })
  const log = new RequestLog()
  return {
    options,
    files,
    jobs,
    faults: createFaultEngine(options.faults, options.seed),
    log,
    clock,
    secret: await loadSigningKey(dataDir, quarantineDir, warn),
    connections: new Set(),
    async reset() {
      await jobs.clear()
      await files.clear()
      log.clear()
    },
  }
}

/** Resumes the stored jobs and listens; stops the jobs again when the port cannot be had. */
const listen = async (app: FastifyInstance, context: ServerContext) => {
  await context.jobs.load()
  const { port, host } = context.options
  try {
    await app.listen({ port, host })
  } catch (error) {
    await context.jobs.stopAll()
    throw error
  }
  const bound = (app.server.address() as AddressInfo).port
  return { port: bound, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}` }
}

/** Starts an emulator of Mistral's Batch and Files APIs, resolving once it listens. Unfinished jobs
 * in `dataDir` resume at once; a record off its schema goes to `<dataDir>/quarantine/` (reported to
 * `onWarning`) and the emulator starts with the rest. */
export const startEmulator = async (options: EmulatorOptions = {}): Promise<RunningEmulator> => {
  const resolved = resolveOptions(options)
  const temporary = resolved.dataDir === undefined
  const dataDir =
    resolved.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'mistral-emulator-')))
  await fs.mkdir(dataDir, { recursive: true })
  const context = await openContext(resolved, dataDir)
  const app = await buildServer(context)
  const { url, port } = await listen(app, context)
  const { jobs, files, log, clock } = context
  let closing: Promise<void> | undefined
  return {
    url,
    port,
    dataDir,
    close: () =>
      (closing ??= (async () => {
        await jobs.stopAll()
        await app.close()
        await files.drain()
        if (temporary) await fs.rm(dataDir, { recursive: true, force: true })
      })()),
    get requests() {
      return log.entries
    },
    clearRequests: () => log.clear(),
    faults: context.faults,
    clock,
    reset: () => context.reset(),
    stats: () => emulatorStats(context),
  }
}
