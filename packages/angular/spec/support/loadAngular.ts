// Loads the package and @angular/core into jest's CommonJS: Angular ships ES modules only, so
// esbuild bundles them with the package's sources into one CommonJS file, once per spec file.
import { buildSync } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { EnvironmentInjector, EnvironmentProviders, Provider } from '@angular/core'

/** What the bundle exports: see angularEntry.ts. */
export type AngularBundle = typeof import('./angularEntry.js')

const root = join(__dirname, '..', '..', '..', '..')

/**
 * Builds and requires the bundle. It is written under the project's `.tmp/` (not the system's
 * temporary folder) so that its `require`s of the external packages resolve, through jest, to the
 * very modules the spec imports: one rxjs, one mistral-batch-rx (the sources, as mapped in
 * jest.config.js), whose error classes and Observables the spec can then check.
 */
export const loadAngular = (): AngularBundle => {
  mkdirSync(join(root, '.tmp'), { recursive: true })
  const dir = mkdtempSync(join(root, '.tmp', 'angular-bundle-'))
  const outfile = join(dir, 'bundle.cjs')
  try {
    buildSync({
      entryPoints: [join(__dirname, 'angularEntry.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      outfile,
      external: ['mistral-batch-rx', 'rxjs', 'rxjs/*'],
      logLevel: 'error',
    })
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(outfile) as AngularBundle
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * An environment injector as `bootstrapApplication` makes one for `providers`: the root scope
 * (where `providedIn: 'root'` services live) and zoneless change detection, whose scheduler runs
 * the effects behind `toObservable`. There is no public way to make one without a platform
 * (@angular/platform-browser), so the root scope is set through its private token.
 */
export const appInjector = (
  ng: AngularBundle,
  providers: Array<Provider | EnvironmentProviders>,
): EnvironmentInjector =>
  ng.createEnvironmentInjector(
    [
      { provide: ng.INJECTOR_SCOPE, useValue: 'root' },
      ng.provideZonelessChangeDetection(),
      ...providers,
    ],
    platformInjector(ng),
  )

/** A bare environment injector with `providers`: no root scope, no change detection. */
export const bareInjector = (
  ng: AngularBundle,
  providers: Array<Provider | EnvironmentProviders>,
): EnvironmentInjector => ng.createEnvironmentInjector(providers, platformInjector(ng))

const platformInjector = (ng: AngularBundle): EnvironmentInjector => {
  const injector = ng.Injector.create({ providers: [] })
  if (!(injector instanceof ng.EnvironmentInjector)) {
    throw new TypeError('Injector.create no longer makes an EnvironmentInjector')
  }
  return injector
}
