// Bundles the browser app of the bundle-size figure with esbuild, as an app's bundler would:
// the installed package's `browser` export condition, minified, everything inlined.
import { build } from 'esbuild'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The app measured: a client, a listing, a watched job and its results; the client of
 * `createClient` (every operation, whole runs included) or of `createApiClient` (the API alone).
 */
const bundleApp = (
  factory: 'createClient' | 'createApiClient',
) => `import { ${factory} } from 'mistral-batch-rx'
const client = ${factory}({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' })
const id = '00000000-0000-4000-8000-000000000000'
client.batch.list$().subscribe()
client.batch.watchJob$(id).subscribe()
client.batch.results$(id).subscribe()
`

/** What the bundle of `BUNDLE_APP` is: its size and every module in it. */
export interface Bundle {
  /** Minified bytes. */
  readonly bytes: number
  /** The paths (relative to the app's folder) of the modules bundled, as esbuild names them. */
  readonly inputs: ReadonlyArray<string>
}

/** Bundles the app of `factory` in `dir`, a folder with mistral-batch-rx and its peers installed. */
export const bundleFor = async (
  dir: string,
  factory: 'createClient' | 'createApiClient' = 'createClient',
): Promise<Bundle> => {
  const entry = `app-${factory}.mjs`
  writeFileSync(join(dir, entry), bundleApp(factory))
  const result = await build({
    absWorkingDir: dir,
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    tsconfigRaw: '{}',
    logLevel: 'silent',
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error('esbuild wrote no bundle')
  return { bytes: output.contents.byteLength, inputs: Object.keys(result.metafile.inputs) }
}
