// The one bundle the specs load: the package's sources with the Angular APIs the specs use, so
// that both share a single copy of @angular/core.
export * from '../../src/index.js'
export {
  createEnvironmentInjector,
  EnvironmentInjector,
  inject,
  InjectionToken,
  Injector,
  provideZonelessChangeDetection,
  runInInjectionContext,
  signal,
  ɵINJECTOR_SCOPE as INJECTOR_SCOPE,
} from '@angular/core'
export { toObservable } from '@angular/core/rxjs-interop'
