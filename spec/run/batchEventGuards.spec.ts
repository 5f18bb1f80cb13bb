// The BatchEvent guards: each is true of its own type only, and `filter` with one narrows the type.
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { filter, lastValueFrom, toArray, type Observable } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { ChatCompletionResponse } from '../../src/codecs/endpoints/chat'
import type {
  BatchEvent,
  CompletedEvent,
  CreatedEvent,
  ProgressEvent,
  ResultEvent,
  UploadedEvent,
} from '../../src/run/BatchEvent'
import {
  isCompletedEvent,
  isCreatedEvent,
  isProgressEvent,
  isResultEvent,
  isUploadedEvent,
} from '../../src/run/batchEventGuards'
import { exactly, expectType, type Equals } from '../support/typeEquals'
import { chatRequests, clientFor, collect, FAST_WATCH } from './support/runFixtures'

const Answer = t.type({ answer: t.string }, 'Answer')
type Answer = t.TypeOf<typeof Answer>

const GUARDS = {
  uploaded: isUploadedEvent,
  created: isCreatedEvent,
  progress: isProgressEvent,
  result: isResultEvent,
  completed: isCompletedEvent,
} as const

describe('BatchEvent guards', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())

  it('each holds for the events of its type and no other, over a whole run', async () => {
    const events = await collect(
      clientFor(emulator).runBatch$(chatRequests(5), {
        job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
        mode: 'file',
        watch: FAST_WATCH,
      }),
    )
    const kinds = new Set(events.map((event) => event.type))
    expect([...kinds].sort()).toEqual(['completed', 'created', 'progress', 'result', 'uploaded'])
    for (const [type, guard] of Object.entries(GUARDS)) {
      expect(events.filter((event) => guard(event))).toEqual(
        events.filter((event) => event.type === type),
      )
    }
  })

  it('narrow the events of a typed run in filter, keeping the types of its codecs', async () => {
    const run$ = clientFor(emulator).runBatch$(chatRequests(3), {
      job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
      watch: FAST_WATCH,
      body: ChatCompletionResponse,
      content: Answer,
    })
    expectType<Equals<typeof run$, Observable<BatchEvent<ChatCompletionResponse, Answer>>>>(true)
    const completed$ = run$.pipe(filter(isCompletedEvent))
    const results$ = run$.pipe(filter(isResultEvent))
    expectType<Equals<typeof completed$, Observable<CompletedEvent>>>(true)
    expectType<Equals<typeof results$, Observable<ResultEvent<ChatCompletionResponse, Answer>>>>(
      true,
    )
    exactly<Observable<UploadedEvent>>()(run$.pipe(filter(isUploadedEvent)))
    exactly<Observable<CreatedEvent>>()(run$.pipe(filter(isCreatedEvent)))
    exactly<Observable<ProgressEvent>>()(run$.pipe(filter(isProgressEvent)))
    // @ts-expect-error: a progress event is not a created one
    exactly<Observable<CreatedEvent>>()(run$.pipe(filter(isProgressEvent)))
    // @ts-expect-error: the result events are not completed events
    const wrong: Observable<CompletedEvent> = results$
    expect(wrong).toBe(results$)

    const { summary } = await lastValueFrom(completed$)
    expect(summary).toMatchObject({ total: 3, succeeded: 0, unreadable: 3, missing: [] })
    // plain chat answers are not JSON: each line is a content Left, still joined to its request
    const events = await lastValueFrom(results$.pipe(toArray()))
    const reasons = events.map((event) => E.isLeft(event.result) && event.result.left.reason)
    expect(reasons).toEqual(['content', 'content', 'content'])
    expect(events.map((event) => [event.custom_id, event.match]).sort()).toEqual([
      ['0', 'first'],
      ['1', 'first'],
      ['2', 'first'],
    ])
  })
})
