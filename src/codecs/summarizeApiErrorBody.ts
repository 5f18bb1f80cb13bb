// Reads any ApiErrorBody shape into one flat summary, so error classes need not know the shapes.
import type { ApiErrorBody } from './ApiErrorBody.js'
import type { ValidationErrorDetail } from './ValidationErrorDetail.js'

/** The fields every error body shape is reduced to; absent when the shape does not carry them. */
export interface ApiErrorSummary {
  /** A readable message; for validation details, `loc: msg` items joined by `; `. */
  readonly message: string
  readonly type?: string
  readonly code?: string
  readonly param?: string
  readonly requestId?: string
  readonly detail?: ReadonlyArray<ValidationErrorDetail>
}

const describeDetail = (detail: ReadonlyArray<ValidationErrorDetail>): string =>
  detail.map((item) => `${item.loc.join('.')}: ${item.msg}`).join('; ')

/** Flattens any decoded error body into `{ message, type?, code?, param?, requestId?, detail? }`. */
export const summarizeApiErrorBody = (body: ApiErrorBody): ApiErrorSummary => {
  const fields = {
    ...('type' in body && typeof body.type === 'string' ? { type: body.type } : {}),
    ...('code' in body && body.code != null ? { code: String(body.code) } : {}),
    ...('param' in body && typeof body.param === 'string' ? { param: body.param } : {}),
    ...('request_id' in body && typeof body.request_id === 'string'
      ? { requestId: body.request_id }
      : {}),
  }
  if ('message' in body) {
    return typeof body.message === 'string'
      ? { message: body.message, ...fields }
      : { message: describeDetail(body.message.detail), detail: body.message.detail, ...fields }
  }
  return typeof body.detail === 'string'
    ? { message: body.detail, ...fields }
    : { message: describeDetail(body.detail), detail: body.detail, ...fields }
}
