// The Files API routes: upload, list, retrieve, delete, download, signed URL, and the download
// route signed URLs point at.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import * as E from 'fp-ts/Either'
import { createReadStream, promises as fs } from 'node:fs'
import { toUnixSeconds } from '../clock.js'
import {
  boolParam,
  checkEnum,
  errorBody,
  intParam,
  issue,
  listParam,
  notFound,
  scalarParam,
  typeIssue,
  unprocessable,
  validated,
  type Issues,
  type Query,
} from '../http/wireErrors.js'
import type { ServerContext } from '../server.js'
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
  type FileStore,
  type FileVisibility,
  type IngestResult,
} from '../store/fileStore.js'
import { checkSignature, signedPathAndQuery } from '../store/signedUrl.js'

type FileParams = { Params: { file_id: string } }
type SignedRequest = FileParams & { Querystring: { expires?: string; signature?: string } }

/** The form fields of an upload and its one `file` part, stored but not registered yet. */
interface UploadForm {
  fields: Record<string, string | undefined>
  upload: { ingest: IngestResult; filename: string; mimetype: string } | undefined
}

/** Whether an upload error is the body's own (no boundary, a garbled part, an endless form): busboy
 * throws bare `Error`s; plugin limits, disk failures (`syscall`) and bugs (TypeError) are not. */
const isMalformedForm = (error: unknown): error is Error =>
  error instanceof Error && error.constructor === Error && !('syscall' in error)

/** Streams the multipart form's first `file` part into the store; other file parts are drained. */
const readUploadForm = async (request: FastifyRequest, files: FileStore, maxBytes: number) => {
  const form: UploadForm = { fields: {}, upload: undefined }
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
      if (part.type === 'field') form.fields[part.fieldname] = String(part.value)
      else if (part.fieldname !== 'file' || form.upload !== undefined) part.file.resume()
      else {
        const ingest = await files.ingest(part.file, true)
        form.upload = { ingest, filename: part.filename || 'file', mimetype: part.mimetype }
      }
    }
  } catch (error) {
    if (form.upload) await files.delete(form.upload.ingest.id)
    throw error
  }
  return form
}

/** The record of a valid upload, or the 422 issues of its form. */
const uploadRecord = ({ fields, upload }: UploadForm, nowSeconds: number) => {
  const issues: Issues = []
  const { purpose = 'batch', visibility = 'workspace', expiry = '' } = fields
  if (upload === undefined) issues.push(typeIssue(['body', 'file'], 'missing', null))
  else if (!isValidFilename(upload.filename)) {
    const msg = 'The file name must not contain control characters'
    issues.push(issue(['body', 'file'], msg, upload.filename, 'value_error'))
  }
  checkEnum(issues, ['body', 'purpose'], FILE_PURPOSES, purpose)
  checkEnum(issues, ['body', 'visibility'], FILE_VISIBILITIES, visibility)
  if (!/^\d*$/.test(expiry)) issues.push(typeIssue(['body', 'expiry'], 'int_parsing', expiry))
  if (upload === undefined || issues.length > 0) return E.left(issues)
  const { ingest, filename } = upload
  return E.right({
    id: ingest.id,
    bytes: ingest.bytes,
    created_at: nowSeconds,
    filename,
    purpose: purpose as FilePurpose,
    sample_type: purpose === 'batch' && ingest.scan.allBatchRequests ? 'batch_request' : 'instruct',
    source: 'upload',
    num_lines: ingest.scan.lines,
    mimetype: mimetypeFor(filename, upload.mimetype),
    signature: ingest.signature,
    expires_at: expiry === '' ? null : nowSeconds + Number(expiry) * 3600,
    visibility: visibility as FileVisibility,
  } as const)
}

/** The file list's query: its page, and whether a file passes its filters; or the 422 issues. */
const readFileListQuery = (query: Query) => {
  const issues: Issues = []
  const page = intParam(issues, query, 'page', [0, 0])
  const pageSize = intParam(issues, query, 'page_size', [100, 1])
  const includeTotal = boolParam(issues, query, 'include_total', true)
  const listed = (key: string, allowed: readonly string[]) =>
    listParam(query, key).filter((value) => checkEnum(issues, ['query', key], allowed, value))
  const sampleTypes = listed('sample_type', SAMPLE_TYPES)
  const sources = listed('source', FILE_SOURCES)
  const mimetypes = listParam(query, 'mimetypes')
  const purpose = scalarParam(query, 'purpose') || undefined
  if (purpose !== undefined) checkEnum(issues, ['query', 'purpose'], FILE_PURPOSES, purpose)
  const search = scalarParam(query, 'search')?.toLowerCase()
  const matches = (file: FileRecord): boolean =>
    (sampleTypes.length === 0 || sampleTypes.includes(file.sample_type)) &&
    (sources.length === 0 || sources.includes(file.source)) &&
    (mimetypes.length === 0 || (file.mimetype !== null && mimetypes.includes(file.mimetype))) &&
    (purpose === undefined || file.purpose === purpose) &&
    (search === undefined || file.filename.toLowerCase().includes(search))
  return validated(issues, { page, pageSize, includeTotal, matches })
}

/** RFC 5987 attr-char: the bytes an ext-value may carry as they are; every other byte is %XX. */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/

/** A quoted-string may hold printable ASCII except `"` and `\`: the rest becomes `_`. */
const NOT_QUOTABLE = /[^\x20-\x21\x23-\x5b\x5d-\x7e]/gu

/** `attachment; filename="<ASCII fallback>"`, plus `filename*=UTF-8''<percent-encoded>` when they
 * differ. Node refuses chars above U+00FF (a 500), sends U+0080..U+00FF as bytes clients misread as
 * UTF-8, and lets controls break the response: so the header stays printable ASCII. */
export const attachmentDisposition = (filename: string): string => {
  const fallback = filename.replace(NOT_QUOTABLE, '_')
  const plain = `attachment; filename="${fallback}"`
  if (fallback === filename) return plain
  // Through the bytes, not encodeURIComponent: a lone surrogate becomes U+FFFD instead of a throw.
  const encoded = [...Buffer.from(filename, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte)
      return ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
  return `${plain}; filename*=UTF-8''${encoded}`
}

/** Streams a stored file's bytes as `application/octet-stream`, with its exact length. */
const sendFileContent = async (context: ServerContext, reply: FastifyReply, file: FileRecord) => {
  const dataPath = context.files.dataPath(file.id)
  const { size } = await fs.stat(dataPath)
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-length', String(size))
    .header('content-disposition', attachmentDisposition(file.filename))
    .send(createReadStream(dataPath))
}

export const filesRoutes = (app: FastifyInstance, context: ServerContext): void => {
  const { files, clock, options } = context

  app.post('/v1/files', async (request, reply) => {
    if (!request.isMultipart()) {
      return unprocessable(reply, [typeIssue(['body', 'file'], 'missing', null)])
    }
    let form: UploadForm
    try {
      form = await readUploadForm(request, files, options.maxUploadBytes)
    } catch (error) {
      if (!isMalformedForm(error)) throw error
      const message = `There was an error parsing the body: ${error.message}`
      return reply.code(400).send(errorBody(message, 'invalid_request_error', 'invalid_multipart'))
    }
    const record = uploadRecord(form, toUnixSeconds(clock.now()))
    if (E.isRight(record)) return toWireFile(await files.register(record.right))
    if (form.upload) await files.delete(form.upload.ingest.id)
    return unprocessable(reply, record.left)
  })

  app.get('/v1/files', async (request, reply) => {
    const query = readFileListQuery(request.query as Query)
    if (E.isLeft(query)) return unprocessable(reply, query.left)
    const { page, pageSize, includeTotal, matches } = query.right
    const matching = files.all().filter(matches)
    return {
      data: matching.slice(page * pageSize, (page + 1) * pageSize).map(toWireFile),
      object: 'list',
      total: includeTotal ? matching.length : null,
    }
  })

  app.get<FileParams>('/v1/files/:file_id', async (request, reply) => {
    const file = files.get(request.params.file_id)
    if (file === undefined) return notFound(reply, 'File', request.params.file_id)
    return { ...toWireFile(file), deleted: false }
  })

  app.delete<FileParams>('/v1/files/:file_id', async (request, reply) => {
    const id = request.params.file_id
    if (!(await files.delete(id))) return notFound(reply, 'File', id)
    return { id, object: 'file', deleted: true }
  })

  app.get<FileParams>('/v1/files/:file_id/content', async (request, reply) => {
    const file = files.get(request.params.file_id)
    if (file === undefined) return notFound(reply, 'File', request.params.file_id)
    return sendFileContent(context, reply, file)
  })

  app.get<FileParams>('/v1/files/:file_id/url', async (request, reply) => {
    const id = request.params.file_id
    const issues: Issues = []
    const expiry = intParam(issues, request.query as Query, 'expiry', [24, 1, 168])
    if (issues.length > 0) return unprocessable(reply, issues)
    if (files.get(id) === undefined) return notFound(reply, 'File', id)
    const expiresMs = clock.now() + expiry * options.hourMs
    const origin = `${request.protocol}://${request.host}`
    return { url: `${origin}${signedPathAndQuery(context.secret, id, expiresMs)}` }
  })

  app.get<SignedRequest>('/_signed/files/:file_id/content', async (request, reply) => {
    const id = request.params.file_id
    const { expires, signature } = request.query
    const check = checkSignature(context.secret, id, expires, signature, clock.now())
    if (check !== 'ok') {
      const message =
        check === 'expired' ? 'The signed URL has expired' : 'The signature is not valid'
      return reply.code(403).send(errorBody(message, 'forbidden', 'signature_' + check))
    }
    const file = files.get(id)
    if (file === undefined) return notFound(reply, 'File', id)
    return sendFileContent(context, reply, file)
  })
}
