// Fake model of /v1/audio/transcriptions: a transcript, timed segments when asked, audio-second usage.
import {
  asSentences,
  ceil,
  fakeWords,
  isArray,
  min,
  round6,
  type FakeCall,
  type FakeAnswer,
} from './fakeKit.js'

/** The three ways Mistral's docs give to pass the audio; a request uses exactly one. */
const AUDIO_SOURCES = ['file', 'file_url', 'file_id']
const GRANULARITIES = ['segment', 'word']
const WORDS_PER_SEGMENT = 8

/** The problem with the audio source, `language` or `timestamp_granularities`, if any. */
function checkTranscriptionRequest(body: Record<string, unknown>): string | undefined {
  const sources = AUDIO_SOURCES.filter((key) => typeof body[key] === 'string')
  if (sources.length !== 1) {
    return 'The request needs exactly one audio source: `file`, `file_url` or `file_id`, a string.'
  }
  const language = body.language
  if (language !== undefined && language !== null) {
    if (typeof language !== 'string' || !/^\w{2}$/.test(language)) {
      return '`language` must be a two-letter language code such as "en", or null.'
    }
  }
  const granularities = body.timestamp_granularities
  if (granularities !== undefined && granularities !== null) {
    const fits =
      isArray(granularities) &&
      granularities.every((item) => typeof item === 'string' && GRANULARITIES.includes(item))
    if (!fits) return "`timestamp_granularities` must be a list of 'segment' and 'word'."
  }
  return undefined
}

/** Timed chunks of the transcript, spread evenly over the audio. */
function segments(words: readonly string[], seconds: number, perSegment: number): unknown[] {
  const chunks: unknown[] = []
  const step = seconds / words.length
  for (let start = 0; start < words.length; start += perSegment) {
    const end = min(words.length, start + perSegment)
    chunks.push({
      type: 'transcription_segment',
      text: words.slice(start, end).join(' '),
      start: round6(start * step),
      end: round6(end * step),
    })
  }
  return chunks
}

export function fakeTranscription(body: Record<string, unknown>, call: FakeCall): FakeAnswer {
  const problem = checkTranscriptionRequest(body)
  if (problem !== undefined) return problem
  const seconds = call.random.nextInt(5, 120)
  // About two and a half spoken words a second.
  const words = fakeWords(call.random, ceil(seconds * 2.5))
  const granularities = isArray(body.timestamp_granularities) ? body.timestamp_granularities : []
  const perSegment = granularities.includes('segment') ? WORDS_PER_SEGMENT : 1
  const promptTokens = seconds * 13
  return {
    model: call.model,
    text: asSentences(call.random, words),
    language: typeof body.language === 'string' ? body.language : null,
    segments: granularities.length > 0 ? segments(words, seconds, perSegment) : [],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: words.length,
      total_tokens: promptTokens + words.length,
      prompt_audio_seconds: seconds,
    },
  }
}
