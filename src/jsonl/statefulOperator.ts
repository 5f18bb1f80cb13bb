// Builds an operator from a per-subscriber transformer, so each subscription gets fresh state.
import { Observable, Subscription, type OperatorFunction, type Subscriber } from 'rxjs'

/** The state a {@link statefulOperator} makes for one subscriber, pushing outputs to it. */
export interface Transformer<In> {
  /** Handles one source value; a throw errors the output stream. */
  next(value: In): void
  /** Flushes what is left when the source completes; a throw errors the output stream. */
  complete(): void
}

/**
 * An operator that makes a new {@link Transformer} for each subscriber. Unlike a plain
 * `source.subscribe({ next })`, the upstream subscription closes as soon as the subscriber does,
 * so a synchronous source (an array, a generator) stops at once after `take(n)` or an error.
 */
export function statefulOperator<In, Out>(
  start: (destination: Subscriber<Out>) => Transformer<In>,
): OperatorFunction<In, Out> {
  return (source) =>
    new Observable<Out>((destination) => {
      const upstream = new UpstreamSubscriber(start(destination), destination)
      destination.add(upstream)
      source.subscribe(upstream)
    })
}

// A Subscription that is also an Observer is used by rxjs as the subscriber itself, so its
// `closed` flag is what a synchronous source checks between two values.
class UpstreamSubscriber<In, Out> extends Subscription {
  constructor(
    private readonly transformer: Transformer<In>,
    private readonly destination: Subscriber<Out>,
  ) {
    super()
  }

  next(value: In): void {
    if (this.closed) return
    try {
      this.transformer.next(value)
    } catch (error) {
      this.destination.error(error)
    }
  }

  error(error: unknown): void {
    if (this.closed) return
    this.destination.error(error)
  }

  complete(): void {
    if (this.closed) return
    try {
      this.transformer.complete()
    } catch (error) {
      this.destination.error(error)
      return
    }
    this.destination.complete()
  }
}
