// The Files API routes: upload, list, retrieve, delete, download, signed URL.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { createReadStream, promises as fs } from 'node:fs'
import { toUnixSeconds } from '../clock.js'
import { attachmentDisposition } from '../http/contentDisposition.js'
import { boolParam, intParam, listParam, scalarParam, type Query } from '../http/queryParams.js'
import {
  errorBody,
  issue,
  notFoundBody,
  validationBody,
  type ValidationIssue,
} from '../http/wireErrors.js'
import type { ServerContext } from '../serverContext.js'
import {
  FILE_PURPOSES,
  FILE_SOURCES,
  FILE_VISIBILITIES,
  isValidFilename,
  mimetypeFor,
  SAMPLE_TYPES,
  toWireFile,
  type FilePurpose,
  type FileRecord,
  type FileVisibility,
} from '../store/fileRecord.js'
import type { IngestResult } from '../store/fileStore.js'
import { signedPathAndQuery } from '../store/signedUrl.js'

type FileParams = { Params: { file_id: string } }

/**
 * Whether an error met while reading an upload comes from the body itself (no boundary, a
 * garbled part, a form that never ends): busboy throws those as bare `Error`s. A limit of the
 * plugin is an error class of its own (with a 4xx status), a disk failure carries a `syscall`,
 * a bug is a TypeError: none of them is the client's syntax.
 */
const isMalformedForm = (error: unknown): error is Error =>
  error instanceof Error && error.constructor === Error && !('syscall' in error)

/** 400 for a body that is not multipart/form-data, as FastAPI answers it, in Mistral's shape. */
const malformedFormBody = (error: Error) =>
  errorBody(
    `There was an error parsing the body: ${error.message}`,
    'invalid_request_error',
    'invalid_multipart',
  )

const enumIssue = (loc: Array<string | number>, allowed: readonly string[], input: unknown) =>
  issue(loc, `Input should be ${allowed.map((a) => `'${a}'`).join(', ')}`, input, 'enum')

/** Streams a stored file's bytes as `application/octet-stream`, with its exact length. */
export const sendFileContent = async (
  context: ServerContext,
  reply: FastifyReply,
  file: FileRecord,
): Promise<FastifyReply> => {
  const dataPath = context.files.dataPath(file.id)
  const { size } = await fs.stat(dataPath)
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-length', String(size))
    .header('content-disposition', attachmentDisposition(file.filename))
    .send(createReadStream(dataPath))
}

/** Registers the /v1/files routes. */
export const filesRoutes = (app: FastifyInstance, context: ServerContext): void => {
  const { files, clock, options } = context
  const notFound = (reply: FastifyReply, id: string) =>
    reply.code(404).send(notFoundBody('File', id))

  app.post('/v1/files', async (request, reply) => {
    if (!request.isMultipart()) {
      return reply
        .code(422)
        .send(validationBody(issue(['body', 'file'], 'Field required', null, 'missing')))
    }
    const fields: Record<string, string> = {}
    let upload: { ingest: IngestResult; filename: string; mimetype: string } | undefined
    try {
      for await (const part of request.parts({ limits: { fileSize: options.maxUploadBytes } })) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value)
        } else if (part.fieldname !== 'file' || upload !== undefined) {
          part.file.resume()
        } else {
          const ingest = await files.ingest(part.file, true)
          upload = { ingest, filename: part.filename || 'file', mimetype: part.mimetype }
        }
      }
    } catch (error) {
      if (upload) await files.delete(upload.ingest.id)
      if (isMalformedForm(error)) return reply.code(400).send(malformedFormBody(error))
      throw error
    }
    const issues: ValidationIssue[] = []
    const purpose = fields.purpose ?? 'batch'
    const visibility = fields.visibility ?? 'workspace'
    const expiry = fields.expiry
    if (upload === undefined)
      issues.push(issue(['body', 'file'], 'Field required', null, 'missing'))
    if (upload !== undefined && !isValidFilename(upload.filename)) {
      issues.push(
        issue(
          ['body', 'file'],
          'The file name must not contain control characters',
          upload.filename,
          'value_error',
        ),
      )
    }
    if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) {
      issues.push(enumIssue(['body', 'purpose'], FILE_PURPOSES, purpose))
    }
    if (!(FILE_VISIBILITIES as readonly string[]).includes(visibility)) {
      issues.push(enumIssue(['body', 'visibility'], FILE_VISIBILITIES, visibility))
    }
    if (expiry !== undefined && expiry !== '' && !/^\d+$/.test(expiry)) {
      issues.push(
        issue(['body', 'expiry'], 'Input should be a valid integer', expiry, 'int_parsing'),
      )
    }
    if (upload === undefined || issues.length > 0) {
      if (upload) await files.delete(upload.ingest.id)
      return reply.code(422).send(validationBody(...issues))
    }
    const now = toUnixSeconds(clock.now())
    const { ingest } = upload
    const record: FileRecord = {
      id: ingest.id,
      object: 'file',
      bytes: ingest.bytes,
      created_at: now,
      filename: upload.filename,
      purpose: purpose as FilePurpose,
      sample_type:
        purpose === 'batch' && ingest.scan.allBatchRequests ? 'batch_request' : 'instruct',
      source: 'upload',
      num_lines: ingest.scan.lines,
      mimetype: mimetypeFor(upload.filename, upload.mimetype),
      signature: ingest.signature,
      expires_at: expiry === undefined || expiry === '' ? null : now + Number(expiry) * 3600,
      visibility: visibility as FileVisibility,
      seq: files.nextSeq(),
    }
    await files.put(record)
    return toWireFile(record)
  })

  app.get('/v1/files', async (request, reply) => {
    const query = request.query as Query
    const page = intParam(query, 'page', 0, 0)
    const pageSize = intParam(query, 'page_size', 100, 1)
    const includeTotal = boolParam(query, 'include_total', true)
    const sampleTypes = listParam(query, 'sample_type')
    const sources = listParam(query, 'source')
    const mimetypes = listParam(query, 'mimetypes')
    const purpose = scalarParam(query, 'purpose')
    const search = scalarParam(query, 'search')
    const issues: ValidationIssue[] = []
    for (const result of [page, pageSize, includeTotal]) if (!result.ok) issues.push(result.issue)
    for (const value of sampleTypes) {
      if (!(SAMPLE_TYPES as readonly string[]).includes(value)) {
        issues.push(enumIssue(['query', 'sample_type'], SAMPLE_TYPES, value))
      }
    }
    for (const value of sources) {
      if (!(FILE_SOURCES as readonly string[]).includes(value)) {
        issues.push(enumIssue(['query', 'source'], FILE_SOURCES, value))
      }
    }
    if (
      purpose !== undefined &&
      purpose !== '' &&
      !(FILE_PURPOSES as readonly string[]).includes(purpose)
    ) {
      issues.push(enumIssue(['query', 'purpose'], FILE_PURPOSES, purpose))
    }
    if (!page.ok || !pageSize.ok || !includeTotal.ok || issues.length > 0) {
      return reply.code(422).send(validationBody(...issues))
    }
    const matching = files
      .all()
      .filter(
        (file) =>
          (sampleTypes.length === 0 || sampleTypes.includes(file.sample_type)) &&
          (sources.length === 0 || sources.includes(file.source)) &&
          (mimetypes.length === 0 ||
            (file.mimetype !== null && mimetypes.includes(file.mimetype))) &&
          (purpose === undefined || purpose === '' || file.purpose === purpose) &&
          (search === undefined || file.filename.toLowerCase().includes(search.toLowerCase())),
      )
    const start = page.value * pageSize.value
    return {
      data: matching.slice(start, start + pageSize.value).map(toWireFile),
      object: 'list',
      total: includeTotal.value ? matching.length : null,
    }
  })

  app.get<FileParams>('/v1/files/:file_id', async (request, reply) => {
    const file = files.get(request.params.file_id)
    if (file === undefined) return notFound(reply, request.params.file_id)
    return { ...toWireFile(file), deleted: false }
  })

  app.delete<FileParams>('/v1/files/:file_id', async (request, reply) => {
    const id = request.params.file_id
    if (!(await files.delete(id))) return notFound(reply, id)
    return { id, object: 'file', deleted: true }
  })

  app.get<FileParams>('/v1/files/:file_id/content', async (request, reply) => {
    const file = files.get(request.params.file_id)
    if (file === undefined) return notFound(reply, request.params.file_id)
    return sendFileContent(context, reply, file)
  })

  app.get<FileParams>('/v1/files/:file_id/url', async (request, reply) => {
    const id = request.params.file_id
    const expiry = intParam(request.query as Query, 'expiry', 24, 1, 168)
    if (!expiry.ok) return reply.code(422).send(validationBody(expiry.issue))
    if (files.get(id) === undefined) return notFound(reply, id)
    const expiresMs = clock.now() + expiry.value * options.hourMs
    const origin = `${request.protocol}://${request.host}`
    return { url: `${origin}${signedPathAndQuery(context.secret, id, expiresMs)}` }
  })
}

/** The error body for an upload over the size limit. */
export const tooLargeBody = (maxBytes: number) =>
  errorBody(
    `File too large: the maximum is ${maxBytes} bytes`,
    'invalid_request_error',
    'file_too_large',
    'file',
  )
