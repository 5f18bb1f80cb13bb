// npm run soak: the soak specs at full size: a 10,000-request runBatch$ through faults, the
// 24-hour watch, 1,000 mid-flight unsubscriptions of each of the eight operations, and the
// queue's chaos across processes with 20,000 requests.
//
//   node spec/soak/soak.mjs [--requests 10000] [--unsubscribes 8000] [--chaos-requests 20000]
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at === -1 ? fallback : args[at + 1]
}

const result = spawnSync(
  process.execPath,
  [
    // as `npm run test:unit`: the queue's specs import pg and PGlite dynamically
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    'spec/soak',
    'packages/queue/spec/chaos',
    '--runInBand',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      SOAK_REQUESTS: option('requests', '10000'),
      LEAK_ITERATIONS: option('unsubscribes', '8000'),
      CHAOS_REQUESTS: option('chaos-requests', '20000'),
    },
  },
)
process.exit(result.status ?? 1)
