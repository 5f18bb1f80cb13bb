// Waiting on a signal the way an app sees it: through toObservable, whose effect runs on Angular's
// own change detection, with a deadline so a test that cannot pass fails fast and says why.
import type { EnvironmentInjector, Signal } from '@angular/core'
import { filter, firstValueFrom } from 'rxjs'
import { within } from '../../../../spec/support/httpContext.js'
import type { AngularBundle } from './loadAngular.js'

/** Resolves with the first value of `signal` that `accept` takes, read by an effect in `injector`. */
export const until = <T>(
  ng: AngularBundle,
  injector: EnvironmentInjector,
  signal: Signal<T>,
  accept: (value: T) => boolean,
  what: string,
): Promise<T> =>
  within(
    firstValueFrom(ng.toObservable(signal, { injector }).pipe(filter(accept))),
    10_000,
    () => `${what} (the signal holds ${JSON.stringify(signal())})`,
  )
