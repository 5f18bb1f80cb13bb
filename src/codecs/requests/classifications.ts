// The request bodies of the moderation and classification endpoints, for texts and for chats.
import * as t from 'io-ts'
import { ChatRequestMessages } from './messages.js'
import { anyOf, fields, jsonObject, orNull } from './requestCombinators.js'

/**
 * Texts to moderate (`/v1/moderations`) or classify (`/v1/classifications`): `input`, a string or
 * several (required).
 */
export const ClassificationRequest = fields(
  { input: anyOf([t.string, t.array(t.string)], 'Input (string | string[])') },
  { model: t.string, metadata: orNull(jsonObject) },
  'ClassificationRequest',
)
export type ClassificationRequest = t.TypeOf<typeof ClassificationRequest>

/** Chats to moderate: `input`, the messages of one chat or a list of chats (required). */
export const ChatModerationRequest = fields(
  {
    input: anyOf(
      [ChatRequestMessages, t.array(ChatRequestMessages)],
      'ChatModerationInput (messages or a list of chats)',
    ),
  },
  { model: t.string },
  'ChatModerationRequest',
)
export type ChatModerationRequest = t.TypeOf<typeof ChatModerationRequest>

/** A chat to classify: its `messages`. */
export const InstructRequest = t.type({ messages: ChatRequestMessages }, 'InstructRequest')
export type InstructRequest = t.TypeOf<typeof InstructRequest>

/** Chats to classify: `input`, one `{ messages }` or a list of them (required). */
export const ChatClassificationRequest = fields(
  {
    input: anyOf(
      [InstructRequest, t.array(InstructRequest)],
      'ChatClassificationInput ({ messages } or a list of them)',
    ),
  },
  { model: t.string },
  'ChatClassificationRequest',
)
export type ChatClassificationRequest = t.TypeOf<typeof ChatClassificationRequest>
