// The faults of the soak and the tallies it prints: what was asked of the emulator, what it did.
import type { FaultSpec, InjectedFault, LoggedRequest } from '@mistral-batch-rx/emulator'

/** Counts by key, largest first when printed. */
export type Tally = Record<string, number>

/**
 * The routes that get every fault, the upload included: runBatch$ names each shard's file
 * uniquely and lets `upload$` recover, so after a 5xx, a reset or a cut answer it finds the file
 * the server stored, or sends the shard again when there is none.
 */
const EVERY_FAULT_ROUTES = [
  'GET *',
  'DELETE *',
  'POST /v1/files',
  'POST /v1/batch/jobs',
  'POST /v1/batch/jobs/:id/cancel',
]

/**
 * Issue 8's mix, from a fixed seed: 10% 429 with `Retry-After: 1` on every route; 5% 500, 502 or
 * 503, 1% connection resets (half before any processing, half after it: a job created, a file
 * stored), 1% answers cut short with a clean close and 1% cut by a reset, on every route. The first two downloads of a result
 * file are cut (one closed, one reset), so every run resumes a broken download whatever the draws.
 */
export const SOAK_FAULTS: FaultSpec = {
  seed: 8,
  rules: [
    { route: 'GET /v1/files/:id/content', kind: 'truncate', times: 1, cutAtFraction: 0.4 },
    { route: 'GET /v1/files/:id/content', kind: 'reset-mid-body', times: 1, cutAtFraction: 0.7 },
    { route: '*', kind: '429', rate: 0.1, retryAfterSeconds: 1 },
    ...EVERY_FAULT_ROUTES.flatMap((route) => [
      { route, kind: '500' as const, rate: 0.05 / 3 },
      { route, kind: '502' as const, rate: 0.05 / 3 },
      { route, kind: '503' as const, rate: 0.05 / 3 },
      { route, kind: 'reset' as const, rate: 0.005 },
      { route, kind: 'reset-after-processing' as const, rate: 0.005 },
      { route, kind: 'truncate' as const, rate: 0.01 },
      { route, kind: 'reset-mid-body' as const, rate: 0.01 },
    ]),
  ],
}

// Ids in paths become `:id`, so requests group by route.
const routeOf = (method: string, path: string): string =>
  `${method} ${path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')}`

const tally = (keys: ReadonlyArray<string>): Tally => {
  const counts: Tally = {}
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]))
}

/** Requests by route. */
export const requestTally = (requests: ReadonlyArray<LoggedRequest>): Tally =>
  tally(requests.map((request) => routeOf(request.method, request.path)))

/** Injected faults by kind and route. */
export const faultTally = (faults: ReadonlyArray<InjectedFault>): Tally =>
  tally(faults.map((fault) => `${fault.kind} on ${routeOf(fault.method, fault.path)}`))
