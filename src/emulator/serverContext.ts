// Everything the routes and hooks of one emulator share.
import type { EmulatorClock } from './clock.js'
import type { FaultEngine } from './faults/faultController.js'
import type { RequestLog } from './http/requestLog.js'
import type { JobEngine } from './jobs/jobEngine.js'
import type { ResolvedOptions } from './options.js'
import type { FileStore } from './store/fileStore.js'

/** The state of one running emulator. */
export interface ServerContext {
  options: ResolvedOptions
  files: FileStore
  jobs: JobEngine
  faults: FaultEngine
  log: RequestLog
  clock: EmulatorClock
  /** Key of the signed-URL HMAC. */
  secret: string
  /** Sockets currently open. */
  connections: Set<unknown>
  /** Deletes every file and job and forgets the request log. */
  reset(): Promise<void>
}
