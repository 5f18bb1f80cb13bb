// The requests of `mistral-batch queue enqueue`: one a line, {"id": ..., "body": {...}}, with
// `custom_id` taken for `id` so that a file made for `mistral-batch run` can be queued as it is.
import type { QueueItem } from '@mistral-batch-rx/queue'
import { messageOf } from '../exitCodes.js'
import { isObject } from './checkInputFile.js'

/** The item on one non-blank line, or in a few words what is wrong with it. */
export const queueItemOf = (text: string): QueueItem | string => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return `not valid JSON (${messageOf(error)})`
  }
  if (!isObject(value)) return 'expected an object like {"id": "1", "body": {...}}'
  const { id, custom_id: customId, body } = value
  if (id !== undefined && customId !== undefined && id !== customId) {
    return '"id" and "custom_id" differ: give one of them'
  }
  const key = id ?? customId
  if (typeof key !== 'string' || key === '')
    return '"id" (or "custom_id") must be a non-empty string'
  if (!isObject(body)) return '"body" must be an object'
  return { id: key, body }
}
