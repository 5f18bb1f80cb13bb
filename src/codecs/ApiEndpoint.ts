// The endpoint a batch targets: an open enum, since Mistral's list of batchable endpoints grows.
import * as t from 'io-ts'
import { openEnum } from './combinators.js'

/** Every endpoint a batch may target today. */
export const API_ENDPOINTS = [
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/fim/completions',
  '/v1/moderations',
  '/v1/chat/moderations',
  '/v1/ocr',
  '/v1/classifications',
  '/v1/chat/classifications',
  '/v1/conversations',
  '/v1/audio/transcriptions',
] as const

/** A batch endpoint: one of `API_ENDPOINTS` or any other string. */
export const ApiEndpoint = openEnum('ApiEndpoint', API_ENDPOINTS)
export type ApiEndpoint = t.TypeOf<typeof ApiEndpoint>
