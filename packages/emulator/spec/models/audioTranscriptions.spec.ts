// The fake transcriptions: a transcript, segments over the audio's length, audio-second usage.
import { answer } from './behaviourHelpers.js'

type Segment = { type: string; text: string; start: number; end: number }
type Usage = {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_audio_seconds: number
}

const transcribe = (extra: Record<string, unknown>) =>
  answer('/v1/audio/transcriptions', { file_url: 'https://example.com/a.mp3', ...extra })

describe('fake transcriptions', () => {
  it('gives a transcript, no segments by default, and usage with audio seconds', () => {
    const body = transcribe({})
    expect(body.model).toBe('voxtral-mini-latest')
    expect(body.text).toMatch(/^[A-Z].*\.$/)
    expect(body.language).toBeNull()
    expect(body.segments).toEqual([])
    const usage = body.usage as Usage
    expect(usage.prompt_audio_seconds).toBeGreaterThanOrEqual(5)
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens)
  })

  it('echoes the requested language', () => {
    expect(transcribe({ language: 'fr' }).language).toBe('fr')
  })

  it('splits the audio into back-to-back segments that cover it', () => {
    const body = transcribe({ timestamp_granularities: ['segment'] })
    const segments = body.segments as Segment[]
    expect(segments.length).toBeGreaterThan(1)
    expect(segments[0]?.start).toBe(0)
    segments.slice(1).forEach((segment, i) => expect(segment.start).toBe(segments[i]?.end))
    expect(segments.at(-1)?.end).toBeCloseTo((body.usage as Usage).prompt_audio_seconds, 5)
    const words = segments.flatMap((segment) => segment.text.split(' '))
    expect(words).toHaveLength((body.usage as Usage).completion_tokens)
  })

  it('gives one chunk per word for the word granularity', () => {
    const segments = transcribe({ timestamp_granularities: ['word'] }).segments as Segment[]
    expect(segments.filter((segment) => segment.text.includes(' '))).toEqual([])
  })
})
