// results$: every result of a finished batch job, one Either per line, streamed in constant memory.
import * as E from 'fp-ts/Either'
import { concat, concatMap, defer, last, Observable, of, throwError } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import { isTerminalStatus, TERMINAL_STATUSES } from '../codecs/BatchJobStatus.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { describeType } from '../options/knownKeys.js'
import { download$ } from '../files/fileRequests.js'
import type { HttpContext } from '../http/HttpContext.js'
import { get$, type GetBatchJobOptions } from './jobRequests.js'
import { resumableLines$ } from './resultFileLines.js'
import { ResultLineError } from '../errors/ResultLineError.js'
import {
  readResultLine,
  readResultValue,
  type ResultLineEither,
  type ResultLineInfo,
  type ResultSource,
} from './resultLine.js'
import {
  resolveResultsOptions,
  type ResolvedResultsOptions,
  type ResultsInclude,
  type ResultsOptions,
} from './resultsOptions.js'
import type { WatchJobOptions } from './watchJobOptions.js'
import { createJobWatcher, singlePoll } from './watchJobShared.js'

/** Follows a job to its terminal snapshot; the client passes its shared watcher. */
export type WatchJob = (jobId: string, options: WatchJobOptions) => Observable<BatchJob>

const notFinished = (job: BatchJob): InvalidRequestError =>
  new InvalidRequestError(
    `results$: job ${job.id} is ${job.status}, not finished; pass { wait: true } to wait for ` +
      `its end, or call results$ once its status is one of ${TERMINAL_STATUSES.join(', ')}`,
    { field: 'wait' },
  )

const keepsInline = <B, C>(include: ResultsInclude, line: ResultLineEither<B, C>): boolean => {
  if (include === 'all') return true
  const failed = E.isLeft(line) || line.right.failed
  return include === 'errors' ? failed : !failed
}

// A Left carries text of the line, which a server may have filled with an echo of the key.
const redactLeft = <B, C>(
  ctx: HttpContext,
  line: ResultLineEither<B, C>,
): ResultLineEither<B, C> => (E.isLeft(line) ? E.left(line.left.redacted(ctx.redact)) : line)

const tooLongLine = (info: ResultLineInfo, start: string, ctx: HttpContext): ResultLineError =>
  new ResultLineError({
    ...info,
    reason: 'too-long',
    // the line is longer than its start, whatever the cap: it is always shown cut
    excerpt: `${start}…`,
    detail:
      `longer than maxResultLineLength (${ctx.config.maxResultLineLength}); skipped without ` +
      'reading it whole, the stream goes on with the next line',
  })

const inlineLines$ = <B, C>(
  ctx: HttpContext,
  outputs: ReadonlyArray<unknown>,
  options: ResolvedResultsOptions<B, C>,
): Observable<ResultLineEither<B, C>> =>
  new Observable<ResultLineEither<B, C>>((subscriber) => {
    for (let i = 0; i < outputs.length && !subscriber.closed; i++) {
      const info = { source: 'inline', fileId: null, lineNumber: i + 1 } as const
      const line = redactLeft(ctx, readResultValue(outputs[i], info, options, false))
      if (keepsInline(options.include, line)) subscriber.next(line)
    }
    subscriber.complete()
  })

const fileLines$ = <B, C>(
  ctx: HttpContext,
  source: ResultSource,
  fileId: string,
  options: ResolvedResultsOptions<B, C>,
): Observable<ResultLineEither<B, C>> =>
  resumableLines$(
    () =>
      download$(
        ctx,
        fileId,
        {
          ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
        'none',
      ),
    (line, lineNumber, complete) =>
      redactLeft(ctx, readResultLine(line, complete, { source, fileId, lineNumber }, options)),
    {
      maxLineLength: ctx.config.maxResultLineLength,
      tooLong: (lineNumber, start) =>
        redactLeft(ctx, E.left(tooLongLine({ source, fileId, lineNumber }, start, ctx))),
      maxResumes: options.maxResumes,
      config: ctx.config,
    },
  )

const jobLines$ = <B, C>(
  ctx: HttpContext,
  job: BatchJob,
  options: ResolvedResultsOptions<B, C>,
): Observable<ResultLineEither<B, C>> => {
  if (job.outputs != null) return inlineLines$(ctx, job.outputs, options)
  const files: Array<Observable<ResultLineEither<B, C>>> = []
  if (options.include !== 'errors' && job.output_file != null) {
    files.push(fileLines$(ctx, 'output', job.output_file, options))
  }
  if (options.include !== 'outputs' && job.error_file != null) {
    files.push(fileLines$(ctx, 'error', job.error_file, options))
  }
  return concat(...files)
}

const isJobOrId = (u: unknown): u is BatchJob | string =>
  typeof u === 'string' ||
  (typeof u === 'object' &&
    u !== null &&
    typeof (u as { id?: unknown }).id === 'string' &&
    typeof (u as { status?: unknown }).status === 'string')

const notAJob = (u: unknown): InvalidRequestError =>
  new InvalidRequestError(
    `results$: expected a job id or a BatchJob (with id and status), got ${describeType(u)}`,
    { field: 'jobOrId' },
  )

// A job created with inline `requests` has no input file; its results come with `inline=true`.
const isInlineJob = (job: BatchJob): boolean => job.input_files.length === 0

/** `BatchApi.results$` on a client's context (documented there). */
export const results$ = <B = unknown, C = never>(
  ctx: HttpContext,
  jobOrId: BatchJob | string,
  options: ResultsOptions<B, C> = {},
  watch: WatchJob = createJobWatcher(singlePoll(ctx), ctx.config.scheduler).watch$,
): Observable<ResultLineEither<B, C>> =>
  defer(() => {
    const resolved = resolveResultsOptions(options)
    if (E.isLeft(resolved)) return throwError(() => resolved.left)
    if (!isJobOrId(jobOrId)) return throwError(() => notAJob(jobOrId))
    const settings = resolved.right
    const getOptions: GetBatchJobOptions =
      settings.signal === undefined ? {} : { signal: settings.signal }
    const finished$ = (job: BatchJob): Observable<BatchJob> => {
      if (isTerminalStatus(job.status)) return of(job)
      if (!settings.wait) return throwError(() => notFinished(job))
      return watch(job.id, settings.watch).pipe(last())
    }
    const withOutputs$ = (job: BatchJob): Observable<BatchJob> =>
      isInlineJob(job) && job.outputs == null
        ? get$(ctx, job.id, { ...getOptions, inline: true })
        : of(job)
    const job$ = typeof jobOrId === 'string' ? get$(ctx, jobOrId, getOptions) : of(jobOrId)
    return job$.pipe(
      concatMap(finished$),
      concatMap(withOutputs$),
      concatMap((job) => jobLines$(ctx, job, settings)),
    )
  })
