// npm run soak: the soak specs at full size: a 10,000-request runBatch$ through faults, the
// 24-hour watch, and 1,000 mid-flight unsubscriptions of each of the eight operations.
//
//   node spec/soak/soak.mjs [--requests 10000] [--unsubscribes 8000]
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
  [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), 'spec/soak', '--runInBand'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      SOAK_REQUESTS: option('requests', '10000'),
      LEAK_ITERATIONS: option('unsubscribes', '8000'),
    },
  },
)
process.exit(result.status ?? 1)
