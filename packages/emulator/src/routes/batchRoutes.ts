// The Batch API routes: create, list, get (with inline outputs), cancel, delete.
import type { FastifyInstance } from 'fastify'
import * as E from 'fp-ts/Either'
import { createHash } from 'node:crypto'
import {
  boolParam,
  errorBody,
  notFound,
  unprocessable,
  type Issues,
  type Query,
} from '../http/wireErrors.js'
import { parseJobListQuery, validateCreateJob, type CreateJobRequest } from '../jobs/jobRequests.js'
import { TERMINAL_STATUSES, toWireJob } from '../jobs/jobRecord.js'
import { KNOWN_ENDPOINTS } from '../models/index.js'
import type { ServerContext } from '../server.js'

type JobParams = { Params: { job_id: string } }

/**
 * A short SHA-256 fingerprint of the request's bearer token, or `null` without one. Jobs keep
 * it as their creator, so `created_by_me=true` can keep the lister's own jobs; the token itself
 * is never stored (records may be written to `--data-dir`).
 */
const requesterOf = (authorization: string | undefined): string | null => {
  const token =
    authorization === undefined ? undefined : /^Bearer\s+(.+)$/i.exec(authorization)?.[1]
  return token === undefined ? null : createHash('sha256').update(token).digest('hex').slice(0, 32)
}

/** The requests a job to create holds: inline, or the lines of its input files. */
const requestsOf = (context: ServerContext, request: CreateJobRequest): number =>
  request.requests?.length ??
  request.input_files.reduce((sum, id) => sum + (context.files.get(id)?.num_lines ?? 0), 0)

/** The requests of the jobs not ended, all together. */
const pendingRequests = (context: ServerContext): number => {
  let pending = 0
  for (const job of context.jobs.store.all()) {
    if (TERMINAL_STATUSES.has(job.status)) continue
    pending +=
      job.request_count ??
      job.input_files.reduce((sum, id) => sum + (context.files.get(id)?.num_lines ?? 0), 0)
  }
  return pending
}

/**
 * The error body of a create over Mistral's limits (its pages disagree; the stricter reading,
 * each configurable): requests in one job, and requests pending in jobs not ended.
 */
const overLimit = (context: ServerContext, request: CreateJobRequest) => {
  const { maxRequestsPerJob, maxPendingRequests } = context.options
  const count = requestsOf(context, request)
  if (count > maxRequestsPerJob) {
    return errorBody(
      `A batch job holds at most ${maxRequestsPerJob} requests, this one ${count}`,
      'invalid_request_error',
      'too_many_requests_in_job',
    )
  }
  const pending = pendingRequests(context)
  if (pending + count > maxPendingRequests) {
    return errorBody(
      `At most ${maxPendingRequests} requests may be pending in jobs not ended: ${pending} are, ` +
        `and this job adds ${count}`,
      'invalid_request_error',
      'too_many_pending_requests',
    )
  }
  return undefined
}

export const batchRoutes = (app: FastifyInstance, context: ServerContext): void => {
  const { jobs, files } = context

  app.post('/v1/batch/jobs', async (request, reply) => {
    const filePurpose = (id: string) => files.get(id)?.purpose
    const result = validateCreateJob(request.body, { endpoints: KNOWN_ENDPOINTS, filePurpose })
    if (E.isLeft(result)) return unprocessable(reply, result.left)
    const refused = overLimit(context, result.right)
    if (refused !== undefined) return reply.code(400).send(refused)
    return toWireJob(await jobs.create(result.right, requesterOf(request.headers.authorization)))
  })

  app.get('/v1/batch/jobs', async (request, reply) => {
    const requester = requesterOf(request.headers.authorization)
    const parsed = parseJobListQuery(request.query as Query, requester)
    if (E.isLeft(parsed)) return unprocessable(reply, parsed.left)
    const query = parsed.right
    const newestFirst = jobs.store.all().filter(query.matches)
    const ordered = query.order === 'created' ? newestFirst.reverse() : newestFirst
    const start = query.page * query.pageSize
    return {
      data: ordered.slice(start, start + query.pageSize).map((job) => toWireJob(job)),
      object: 'list',
      total: ordered.length,
    }
  })

  app.get<JobParams>('/v1/batch/jobs/:job_id', async (request, reply) => {
    const job = jobs.store.get(request.params.job_id)
    if (job === undefined) return notFound(reply, 'Batch job', request.params.job_id)
    const issues: Issues = []
    const inline = boolParam(issues, request.query as Query, 'inline', false)
    if (issues.length > 0) return unprocessable(reply, issues)
    return toWireJob(job, inline && job.inline ? await jobs.outputs(job) : null)
  })

  app.post<JobParams>('/v1/batch/jobs/:job_id/cancel', async (request, reply) => {
    const job = await jobs.cancel(request.params.job_id)
    return job === undefined ? notFound(reply, 'Batch job', request.params.job_id) : toWireJob(job)
  })

  app.delete<JobParams>('/v1/batch/jobs/:job_id', async (request, reply) => {
    const id = request.params.job_id
    if (!(await jobs.delete(id))) return notFound(reply, 'Batch job', id)
    return { id, object: 'batch', deleted: true }
  })
}
