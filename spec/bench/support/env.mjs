// Where the benchmarks find the built library (MBRX_DIST), their command-line flags, and the machine.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/** The CommonJS build to measure: `MBRX_DIST` (relative to the repo root), default `dist/cjs`. */
export const distDir = path.resolve(repoRoot, process.env.MBRX_DIST ?? 'dist/cjs')

/** The emulator's CommonJS build: `MBRX_EMULATOR_DIST`, default `packages/emulator/dist/cjs`. */
export const emulatorDistDir = path.resolve(
  repoRoot,
  process.env.MBRX_EMULATOR_DIST ?? 'packages/emulator/dist/cjs',
)

const repoModules = path.join(repoRoot, 'node_modules')

/** The environment of a child process: the same build, and the repo's node_modules on NODE_PATH. */
export const childEnv = (extra = {}) => ({
  ...process.env,
  MBRX_DIST: distDir,
  MBRX_EMULATOR_DIST: emulatorDistDir,
  NODE_PATH: [repoModules, process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
  ...extra,
})

// A build outside the repo (MBRX_DIST=/tmp/...) finds rxjs & co only through NODE_PATH, which
// Node reads at start-up, and the rounds call gc() between contenders so that one does not pay
// for another's garbage: run this script again with both when they are missing.
const hasNodePath = (process.env.NODE_PATH ?? '').split(path.delimiter).includes(repoModules)
if (!hasNodePath || typeof globalThis.gc !== 'function') {
  const nodeArgs = process.execArgv.includes('--expose-gc')
    ? process.execArgv
    : ['--expose-gc', ...process.execArgv]
  const again = spawnSync(process.execPath, [...nodeArgs, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: childEnv(),
  })
  process.exit(again.status ?? 1)
}

/** `require` that resolves packages (rxjs, the Mistral SDK) from the repo. */
export const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'))

/** Loads a module of the build, e.g. `lib('index.js')`. */
export const lib = (module) => requireFromRepo(path.join(distDir, module))

const argv = process.argv.slice(2)

/** Whether `--name` was given. */
export const flag = (name) => argv.includes(`--${name}`)

/** The value after `--name`, or `fallback`. */
export const option = (name, fallback) => {
  const at = argv.indexOf(`--${name}`)
  return at === -1 || at + 1 >= argv.length ? fallback : argv[at + 1]
}

/** `--quick`: smaller sizes and fewer rounds. */
export const quick = flag('quick')

/** The machine and runtime, as the report prints them. */
export const machine = () => {
  const cpus = os.cpus()
  return {
    date: new Date().toISOString(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
  }
}

/** One mebibyte. */
export const MB = 1024 * 1024
