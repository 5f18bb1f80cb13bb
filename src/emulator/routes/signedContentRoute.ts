// The download route that signed URLs point at: checks expiry and signature, then streams the file.
import type { FastifyInstance } from 'fastify'
import { errorBody, notFound } from '../http/wireErrors.js'
import type { ServerContext } from '../serverContext.js'
import { checkSignature } from '../store/signedUrl.js'
import { sendFileContent } from './filesRoutes.js'

/** Registers `GET /_signed/files/:file_id/content?expires=&signature=`. */
export const signedContentRoute = (app: FastifyInstance, context: ServerContext): void => {
  app.get<{ Params: { file_id: string }; Querystring: { expires?: string; signature?: string } }>(
    '/_signed/files/:file_id/content',
    async (request, reply) => {
      const id = request.params.file_id
      const { expires, signature } = request.query
      const check = checkSignature(context.secret, id, expires, signature, context.clock.now())
      if (check !== 'ok') {
        const message =
          check === 'expired' ? 'The signed URL has expired' : 'The signature is not valid'
        return reply.code(403).send(errorBody(message, 'forbidden', 'signature_' + check))
      }
      const file = context.files.get(id)
      if (file === undefined) return notFound(reply, 'File', id)
      return sendFileContent(context, reply, file)
    },
  )
}
