// The runnable examples of docs/examples/ (those exporting `main(baseUrl)`) compiled as a user's
// program would be: an ES module and a CommonJS script that import the installed packages, and a
// bundle made by esbuild; each run in Node against an emulator, printing what `main` returned.
import { build, type Plugin } from 'esbuild'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const examplesDir = join(__dirname, '..', '..', 'docs', 'examples')

/** How an example is turned into JavaScript. */
export type ExampleBuild = 'esm' | 'cjs' | 'bundle'

/** The examples with a `main(baseUrl)`, by file name. */
export const runnableExamples = (): string[] =>
  readdirSync(examplesDir)
    .filter((file) => file.endsWith('.ts'))
    .filter((file) => /^export async function main\(baseUrl: string\)/m.test(read(file)))
    .sort()

const read = (file: string) => readFileSync(join(examplesDir, file), 'utf8')

// The examples import this repository's sources; a user imports the package's entry points,
// which the bundle takes in like any other package, from where it is installed.
const published = (inline: boolean): Plugin => ({
  name: 'published entry points',
  setup: (build) => {
    build.onResolve({ filter: /\/src\/(node\/)?index\.js$/ }, (args) => {
      const entry = args.path.includes('/node/') ? 'mistral-batch-rx/node' : 'mistral-batch-rx'
      if (!inline) return { path: entry, external: true }
      return build.resolve(entry, {
        kind: args.kind,
        resolveDir: build.initialOptions.absWorkingDir,
      })
    })
  },
})

/**
 * Writes `file` compiled the `how` way into `dir` (where the packages are installed), with a
 * runner that starts an emulator, calls `main`, and prints its result as JSON; returns the
 * runner's file name.
 */
export const compileExample = async (
  dir: string,
  file: string,
  how: ExampleBuild,
): Promise<string> => {
  const base = `${file.replace(/\.ts$/, '')}.${how}`
  const moduleExt = how === 'cjs' ? 'cjs' : 'mjs'
  await build({
    absWorkingDir: dir,
    entryPoints: [join(examplesDir, file)],
    outfile: join(dir, `${base}.${moduleExt}`),
    bundle: true,
    platform: 'node',
    format: how === 'cjs' ? 'cjs' : 'esm',
    // esm and cjs leave every package to Node; the bundle inlines them (not Node's built-ins, nor
    // PGlite, which reads its WebAssembly from beside its own files, as a bundler must leave it)
    packages: how === 'bundle' ? undefined : 'external',
    external: how === 'bundle' ? ['@electric-sql/pglite'] : [],
    plugins: [published(how === 'bundle')],
    tsconfigRaw: '{}',
    logLevel: 'silent',
  })
  const runner = `${base}.run.mjs`
  writeFileSync(
    join(dir, runner),
    `import { startEmulator } from '@mistral-batch-rx/emulator'
const example = await import('./${base}.${moduleExt}')
// an example that needs an emulator of its own kind (failing lines, say) exports its options
const own = example.emulatorOptions ?? example.default?.emulatorOptions ?? {}
const emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0, ...own })
try {
  const result = await (example.main ?? example.default.main)(emulator.url)
  // an example whose result draws on random ids says what of it is the same every run
  const same = example.comparableOutput ?? example.default?.comparableOutput
  console.log(JSON.stringify(same === undefined ? result : same(result)))
} finally {
  await emulator.close()
}
`,
  )
  return runner
}

/** What `main` printed, with what differs from one run to the next (ids, ports) made equal. */
export const comparable = (printed: string): string =>
  printed
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
