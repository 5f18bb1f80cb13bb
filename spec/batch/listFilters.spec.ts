// Every list filter rule: the typed error, its message, and nothing sent to the emulator.
import * as E from 'fp-ts/Either'
import { lastValueFrom, toArray, type Observable } from 'rxjs'
import { list$, listPages$ } from '../../src/batch/list.js'
import {
  listQuery,
  PAGE_SIZE,
  type ListBatchJobsFilters,
  type ListBatchJobsOptions,
} from '../../src/batch/listFilters.js'
import { InvalidRequestError } from '../../src/errors/index.js'
import { startBatchEmulator, type BatchEmulator } from './emulatorFixture.js'

let env: BatchEmulator

beforeAll(async () => {
  env = await startBatchEmulator()
})
afterAll(() => env.emulator.close())

const rejected: ReadonlyArray<[string, unknown, string, string]> = [
  [
    'page_size 0',
    { page_size: 0 },
    'page_size',
    'page_size must be a whole number from 1 to 1000.',
  ],
  [
    'page_size 1001',
    { page_size: 1001 },
    'page_size',
    'page_size must be a whole number from 1 to 1000.',
  ],
  [
    'page_size 2.5',
    { page_size: 2.5 },
    'page_size',
    'page_size must be a whole number from 1 to 1000.',
  ],
  [
    'an invalid Date',
    { created_after: new Date('nope') },
    'created_after',
    'created_after must be a valid Date or an ISO 8601 date-time with a time zone, e.g. "2026-08-01T12:00:00Z".',
  ],
  [
    'a date without a time',
    { created_after: '2026-08-01' },
    'created_after',
    'created_after must be a valid Date or an ISO 8601 date-time with a time zone, e.g. "2026-08-01T12:00:00Z".',
  ],
  [
    'a date-time without a zone',
    { created_after: '2026-08-01T12:00:00' },
    'created_after',
    'created_after must be a valid Date or an ISO 8601 date-time with a time zone, e.g. "2026-08-01T12:00:00Z".',
  ],
  [
    'an impossible date',
    { created_after: '2026-13-45T12:00:00Z' },
    'created_after',
    'created_after must be a valid Date or an ISO 8601 date-time with a time zone, e.g. "2026-08-01T12:00:00Z".',
  ],
  [
    'an unknown order',
    { order_by: 'newest' },
    'order_by',
    'order_by must be "created" or "-created".',
  ],
  [
    'a status that is not a list',
    { status: 'QUEUED' },
    'status',
    'status must be a list of statuses, e.g. ["QUEUED", "RUNNING"].',
  ],
  [
    'an empty status',
    { status: [''] },
    'status',
    'status must be a list of statuses, e.g. ["QUEUED", "RUNNING"].',
  ],
  [
    'created_by_me not boolean',
    { created_by_me: 'yes' },
    'created_by_me',
    'created_by_me must be true or false.',
  ],
  ['an empty model', { model: '' }, 'model', 'model must be a non-empty string.'],
  ['a numeric agent_id', { agent_id: 7 }, 'agent_id', 'agent_id must be a non-empty string.'],
  [
    'metadata not an object',
    { metadata: 'team=blue' },
    'metadata',
    'metadata must be an object of string values.',
  ],
  [
    'a metadata key of 33 characters',
    { metadata: { ['k'.repeat(33)]: 'v' } },
    'metadata',
    `metadata key "${'k'.repeat(33)}" has 33 characters; keys must have 1 to 32.`,
  ],
  [
    'a metadata value not a string',
    { metadata: { n: 1 } },
    'metadata.n',
    'metadata.n must be a string, not number.',
  ],
  [
    'an empty metadata value',
    { metadata: { n: '' } },
    'metadata.n',
    'metadata.n has 0 characters; values must have 1 to 512.',
  ],
  [
    'a metadata key shadowing a list parameter',
    { metadata: { page: '3' } },
    'metadata',
    'metadata key "page" cannot be filtered on: it is sent as a bare query parameter and would be read as the list parameter of that name.',
  ],
  ['filters that are not an object', 'all', 'filters', 'The list filters must be an object.'],
  [
    'a misspelt status',
    { status: ['QUEUED', 'RUNNNING'] },
    'status[1]',
    'status[1] "RUNNNING" is not one of QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, ' +
      'CANCELLATION_REQUESTED, CANCELLED (did you mean RUNNING?); pass allowUnknownStatus: ' +
      'true to send it anyway.',
  ],
  [
    'a status in lower case',
    { status: ['success'] },
    'status[0]',
    'status[0] "success" is not one of QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, ' +
      'CANCELLATION_REQUESTED, CANCELLED (did you mean SUCCESS?); pass allowUnknownStatus: ' +
      'true to send it anyway.',
  ],
]

describe('list filters', () => {
  it.each(rejected)('rejects %s before sending', async (_name, filters, field, message) => {
    env.emulator.clearRequests()
    const failure = lastValueFrom(list$(env.ctx, filters as ListBatchJobsFilters))
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({ field, message })
    expect(env.emulator.requests).toHaveLength(0)
  })

  it.each<[string, (options: ListBatchJobsOptions) => Observable<unknown>]>([
    ['list$', (options) => list$(env.ctx, { status: ['PAUSED'] }, options)],
    ['listPages$', (options) => listPages$(env.ctx, { status: ['PAUSED'] }, options)],
  ])('%s sends a status it does not know with allowUnknownStatus', async (_name, listing$) => {
    env.emulator.clearRequests()
    await lastValueFrom(listing$({ allowUnknownStatus: true }).pipe(toArray())).catch(
      () => undefined,
    )
    expect(env.emulator.requests.map((r) => r.query.status)).toEqual(['PAUSED'])
  })

  it('listPages$ refuses a status it does not know too, sending nothing', async () => {
    env.emulator.clearRequests()
    const failure = lastValueFrom(listPages$(env.ctx, { status: ['DONE'] }))
    await expect(failure).rejects.toMatchObject({ _tag: 'InvalidRequestError', field: 'status[0]' })
    expect(env.emulator.requests).toHaveLength(0)
  })

  it('refuses an unknown list option, naming the closest one', async () => {
    const failure = lastValueFrom(list$(env.ctx, {}, { allowUnknownStatuses: true } as never))
    await expect(failure).rejects.toMatchObject({
      field: 'the list options.allowUnknownStatuses',
      message: expect.stringMatching(/did you mean `allowUnknownStatus`\?$/),
    })
  })

  it('accepts the bounds of page_size and sends it with every page', () => {
    for (const size of [PAGE_SIZE.min, PAGE_SIZE.max]) {
      expect(listQuery({ page_size: size })).toEqual(
        E.right({ pageSize: size, query: expect.objectContaining({ page_size: size }) }),
      )
    }
    expect(listQuery()).toEqual(
      E.right({ pageSize: 100, query: expect.objectContaining({ page_size: 100 }) }),
    )
  })

  it('sends created_after as an ISO date-time in UTC', () => {
    const query = listQuery({ created_after: '2026-08-01T14:00:00+02:00' })
    expect(E.isRight(query) && (query.right.query.created_after as Date).toISOString()).toBe(
      '2026-08-01T12:00:00.000Z',
    )
  })
})
