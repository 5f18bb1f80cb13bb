// A queue in a process of its own, for the specs that kill processes: it opens the queue of its
// config (JSON in argv[2]), does the roles the config gives it (producer, worker, consumer, any
// mix) and says each thing it did in a JSON line.
import { createClient, type ClientConfig } from 'mistral-batch-rx'
import { concatMap, type Subscription } from 'rxjs'
import { setTimeout as delay } from 'node:timers/promises'
import {
  createBatchQueue,
  type BatchQueue,
  type BatchQueueOptions,
  type QueueEvent,
} from '../../../src/index.js'
import { items } from '../requestItems.js'
import { onStop, say } from './childOutput.js'

/** What a queue process is to do. */
export interface QueueProcessConfig {
  /** The client's config (JSON: no fetch, no scheduler). */
  readonly client: Pick<ClientConfig, 'baseUrl' | 'timeoutMs' | 'retry'>
  /** The queue's options but its client (JSON: a connection string or a dataDir for a store). */
  readonly queue: Omit<BatchQueueOptions, 'client'>
  /** Enqueue `items(count, from)` for each call, `everyMs` apart; then say `produced`. */
  readonly produce?: {
    readonly calls: ReadonlyArray<{ readonly from: number; readonly count: number }>
    readonly everyMs: number
  }
  /** Run a worker (`run$`), saying each event. */
  readonly work?: boolean
  /**
   * Take results (`results$`) one at a time: handle each for `handleMs` (a consumer's own work),
   * say `handled`, acknowledge it, say `acked`.
   */
  readonly consume?: { readonly handleMs: number }
}

/** What a queue process says. */
export type QueueProcessLine =
  | { readonly type: 'ready' }
  | {
      readonly type: 'enqueued'
      readonly from: number
      readonly added: number
      readonly duplicates: number
    }
  | { readonly type: 'produced' }
  /** A worker's event; a `retrying` event's error is its message. */
  | Exclude<QueueEvent, { type: 'retrying' }>
  | (Omit<Extract<QueueEvent, { type: 'retrying' }>, 'error'> & { readonly error: string })
  | {
      readonly type: 'handled'
      readonly id: string
      readonly attempt: number
      readonly deliveries: number
      readonly jobStatus: string
    }
  | { readonly type: 'acked'; readonly id: string }
  /** run$ or results$ failed: the process exits with 1. */
  | { readonly type: 'failed'; readonly error: string }

const tell = (line: QueueProcessLine) => say(line)

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

const fail = (error: unknown) => {
  tell({ type: 'failed', error: message(error) })
  console.error(error)
  process.exit(1)
}

const produce = async (queue: BatchQueue, plan: NonNullable<QueueProcessConfig['produce']>) => {
  for (const [index, call] of plan.calls.entries()) {
    if (index > 0) await delay(plan.everyMs)
    const { added, duplicates } = await queue.enqueue(items(call.count, call.from))
    tell({ type: 'enqueued', from: call.from, added, duplicates })
  }
  tell({ type: 'produced' })
}

const work = (queue: BatchQueue): Subscription =>
  queue.run$().subscribe({
    next: (event) =>
      tell(event.type === 'retrying' ? { ...event, error: message(event.error) } : event),
    error: fail,
  })

/** Takes results one at a time, acknowledging each once it is told (now "safe elsewhere"). */
const consume = (
  queue: BatchQueue,
  { handleMs }: NonNullable<QueueProcessConfig['consume']>,
  acks: Set<Promise<void>>,
): Subscription =>
  queue
    .results$()
    .pipe(
      concatMap(async (result) => {
        const { id, attempt, deliveries, jobStatus } = result
        if (handleMs > 0) await delay(handleMs)
        tell({ type: 'handled', id, attempt, deliveries, jobStatus })
        const ack = result.ack().then(() => tell({ type: 'acked', id }))
        acks.add(ack)
        await ack.finally(() => acks.delete(ack))
      }),
    )
    .subscribe({ error: fail })

const main = async (): Promise<void> => {
  const config = JSON.parse(process.argv[2] ?? '{}') as QueueProcessConfig
  const client = createClient({ apiKey: 'k', ...config.client })
  const queue = await createBatchQueue({ ...config.queue, client })
  const running: Subscription[] = []
  const acks = new Set<Promise<void>>()
  onStop(async () => {
    running.forEach((subscription) => subscription.unsubscribe())
    await Promise.all(acks)
    await queue.close()
  })
  tell({ type: 'ready' })
  if (config.work === true) running.push(work(queue))
  if (config.consume !== undefined) running.push(consume(queue, config.consume, acks))
  if (config.produce !== undefined) await produce(queue, config.produce)
  if (running.length === 0) await queue.close()
}

main().catch(fail)
