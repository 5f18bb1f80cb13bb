// get$: GET /v1/batch/jobs/{job_id} against a real server, decoded as a BatchJob.
import { lastValueFrom } from 'rxjs'
import { get$ } from '../../src/batch/jobRequests.js'
import { createBatchApi } from '../../src/batch/index.js'
import { DecodeError, HttpError, InvalidRequestError } from '../../src/errors/index.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { batchJobBody } from '../support/batchJobBody.js'
import { hang, json, startServer, type TestServer } from '../support/httpServer.js'
import { testContext, within } from '../support/httpContext.js'
import { requestsBySubscription } from '../support/recordingFetch.js'

const JOB_ID = '0b5f5a43-8a5e-4d5b-9f5c-2a3c8f6e1d10'

let server: TestServer
let ctx: HttpContext

beforeEach(async () => {
  server = await startServer()
  ctx = testContext(server.url)
})
afterEach(() => server.close())

describe('get$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    server.reply(json(200, batchJobBody()), json(200, batchJobBody()))
    const get = `GET /v1/batch/jobs/${JOB_ID}`
    await expect(requestsBySubscription(server.url, (ctx) => get$(ctx, JOB_ID))).resolves.toEqual({
      built: [],
      first: [get],
      second: [get],
    })
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([get, get])
  })

  it('gets the job and decodes it, extra fields kept', async () => {
    const body = batchJobBody({ status: 'SUCCESS', output_file: 'f-1', new_field: 'x' })
    server.reply(json(200, body))
    await expect(lastValueFrom(get$(ctx, JOB_ID))).resolves.toEqual(body)
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: `/v1/batch/jobs/${JOB_ID}` })
  })

  it('asks for inline outputs with inline=true', async () => {
    const outputs = [
      { id: 'batch-1', custom_id: '0', response: { status_code: 200, body: {} }, error: null },
    ]
    server.reply(json(200, batchJobBody({ outputs })))
    const job = await lastValueFrom(get$(ctx, JOB_ID, { inline: true }))
    expect(job.outputs).toEqual(outputs)
    expect(server.requests[0]?.url).toBe(`/v1/batch/jobs/${JOB_ID}?inline=true`)
  })

  it('decodes a status it does not know', async () => {
    server.reply(json(200, batchJobBody({ status: 'PAUSED' })))
    await expect(lastValueFrom(get$(ctx, JOB_ID))).resolves.toMatchObject({ status: 'PAUSED' })
  })

  it('gives a DecodeError naming the path of a body that is not a BatchJob', async () => {
    server.reply(json(200, batchJobBody({ total_requests: 'ten' })))
    const failure = lastValueFrom(get$(ctx, JOB_ID))
    await expect(failure).rejects.toBeInstanceOf(DecodeError)
    await expect(failure).rejects.toMatchObject({
      message: expect.stringContaining('total_requests'),
    })
    expect(server.requests).toHaveLength(1)
  })

  it('rejects an id that is not a UUID before sending anything, without throwing', async () => {
    const job$ = get$(ctx, 'not-a-job')
    const failure = lastValueFrom(job$)
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({
      field: 'jobId',
      message:
        'jobId must be a UUID such as 0b3c1e52-7c1f-4f37-9d0e-2a5b8c4d6e7f, as Mistral returns for jobs and files',
    })
    await expect(lastValueFrom(get$(ctx, ''))).rejects.toBeInstanceOf(InvalidRequestError)
    expect(server.requests).toHaveLength(0)
  })

  it('gives the HttpError of a 404 without retrying', async () => {
    server.reply(
      json(404, {
        object: 'error',
        message: 'Job not found',
        type: 'not_found',
        param: null,
        code: null,
      }),
    )
    const failure = lastValueFrom(get$(ctx, JOB_ID))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404, type: 'not_found' })
    expect(server.requests).toHaveLength(1)
  })

  it('closes the connection when unsubscribed before the answer', async () => {
    server.reply(hang())
    const subscription = get$(ctx, JOB_ID).subscribe({ error: () => undefined })
    await within(server.requestsArrived(1), 2_000, 'the request')
    subscription.unsubscribe()
    await within(server.connectionClosed(0), 2_000, 'the socket to close')
    expect(server.requests).toHaveLength(1)
  })

  it('is bound to a context by createBatchApi', async () => {
    server.reply(json(200, batchJobBody()))
    await expect(lastValueFrom(createBatchApi(ctx).get$(JOB_ID))).resolves.toMatchObject({
      id: JOB_ID,
    })
  })
})
