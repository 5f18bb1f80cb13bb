// Builds the child processes of the cross-process specs: each entry in children/ bundled by
// esbuild into one CommonJS file, with this repository's packages compiled in from their sources
// (a child process cannot run .ts) and every other package left to node_modules.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..', '..', '..', '..')

// The workspace links in node_modules point at whichever checkout ran `npm install`: the
// packages are taken from this checkout's sources instead.
const OWN_PACKAGES = {
  'mistral-batch-rx': join(root, 'src', 'index.ts'),
  '@mistral-batch-rx/emulator': join(root, 'packages', 'emulator', 'src', 'index.ts'),
}

/** The entries of children/, by the name a spec runs them by. */
const ENTRIES = ['emulatorProcess', 'queueProcess'] as const

/** A build of the children: the path of each one's script. */
export interface BuiltChildren {
  readonly scripts: Readonly<Record<(typeof ENTRIES)[number], string>>
  /** Removes the build. */
  remove(): void
}

/**
 * Bundles the children into a fresh folder under .tmp/ (inside the repository, so that their
 * `require('pg')` finds its node_modules), in about a second.
 */
export const buildChildren = async (): Promise<BuiltChildren> => {
  const parent = join(root, '.tmp', 'queue-spec-children')
  mkdirSync(parent, { recursive: true })
  const outdir = mkdtempSync(join(parent, 'build-'))
  await build({
    entryPoints: ENTRIES.map((name) => join(__dirname, 'children', `${name}.ts`)),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    packages: 'external',
    alias: OWN_PACKAGES,
    logLevel: 'warning',
  })
  const scripts = Object.fromEntries(ENTRIES.map((name) => [name, join(outdir, `${name}.js`)]))
  return {
    scripts: scripts as BuiltChildren['scripts'],
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  }
}
