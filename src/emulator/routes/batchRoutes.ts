// The Batch API routes: create, list, get (with inline outputs), cancel, delete.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { boolParam, type Query } from '../http/queryParams.js'
import { requesterOf } from '../http/requester.js'
import { notFoundBody, validationBody } from '../http/wireErrors.js'
import { validateCreateJob } from '../jobs/createJobRequest.js'
import { jobMatches, parseJobListQuery } from '../jobs/jobListQuery.js'
import { toWireJob } from '../jobs/jobRecord.js'
import { KNOWN_ENDPOINTS } from '../models/index.js'
import type { ServerContext } from '../serverContext.js'

type JobParams = { Params: { job_id: string } }

/** Registers the /v1/batch/jobs routes. */
export const batchRoutes = (app: FastifyInstance, context: ServerContext): void => {
  const { jobs, files } = context
  const notFound = (reply: FastifyReply, id: string) =>
    reply.code(404).send(notFoundBody('Batch job', id))

  app.post('/v1/batch/jobs', async (request, reply) => {
    const result = validateCreateJob(request.body, {
      endpoints: KNOWN_ENDPOINTS,
      filePurpose: (id) => files.get(id)?.purpose,
    })
    if (!result.ok) return reply.code(422).send(validationBody(...result.issues))
    return toWireJob(await jobs.create(result.request, requesterOf(request.headers.authorization)))
  })

  app.get('/v1/batch/jobs', async (request, reply) => {
    const parsed = parseJobListQuery(request.query as Query)
    if (!parsed.ok) return reply.code(422).send(validationBody(...parsed.issues))
    const query = parsed.value
    const requester = requesterOf(request.headers.authorization)
    const newestFirst = jobs.store.all().filter((job) => jobMatches(query, job, requester))
    const ordered = query.order === 'created' ? newestFirst.reverse() : newestFirst
    const start = query.page * query.pageSize
    return {
      data: ordered.slice(start, start + query.pageSize).map((job) => toWireJob(job)),
      object: 'list',
      total: ordered.length,
    }
  })

  app.get<JobParams>('/v1/batch/jobs/:job_id', async (request, reply) => {
    const job = jobs.get(request.params.job_id)
    if (job === undefined) return notFound(reply, request.params.job_id)
    const inline = boolParam(request.query as Query, 'inline', false)
    if (!inline.ok) return reply.code(422).send(validationBody(inline.issue))
    return toWireJob(job, inline.value && job.inline ? await jobs.outputs(job) : null)
  })

  app.post<JobParams>('/v1/batch/jobs/:job_id/cancel', async (request, reply) => {
    const job = await jobs.cancel(request.params.job_id)
    if (job === undefined) return notFound(reply, request.params.job_id)
    return toWireJob(job)
  })

  app.delete<JobParams>('/v1/batch/jobs/:job_id', async (request, reply) => {
    const id = request.params.job_id
    if (!(await jobs.delete(id))) return notFound(reply, id)
    return { id, object: 'batch', deleted: true }
  })
}
