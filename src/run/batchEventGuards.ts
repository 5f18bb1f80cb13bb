// Type guards of BatchEvent, for `filter`: `run$.pipe(filter(isCompletedEvent))` is typed.
import type {
  BatchEvent,
  CompletedEvent,
  CreatedEvent,
  ProgressEvent,
  ResultEvent,
  UploadedEvent,
} from './BatchEvent.js'

/** Whether `event` is an `uploaded` event. */
export const isUploadedEvent = <B, C>(event: BatchEvent<B, C>): event is UploadedEvent =>
  event.type === 'uploaded'

/** Whether `event` is a `created` event. */
export const isCreatedEvent = <B, C>(event: BatchEvent<B, C>): event is CreatedEvent =>
  event.type === 'created'

/** Whether `event` is a `progress` event. */
export const isProgressEvent = <B, C>(event: BatchEvent<B, C>): event is ProgressEvent =>
  event.type === 'progress'

/** Whether `event` is a `result` event, its line typed as the run's codecs decode it. */
export const isResultEvent = <B, C>(event: BatchEvent<B, C>): event is ResultEvent<B, C> =>
  event.type === 'result'

/** Whether `event` is the `completed` event. */
export const isCompletedEvent = <B, C>(event: BatchEvent<B, C>): event is CompletedEvent =>
  event.type === 'completed'
