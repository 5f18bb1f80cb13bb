// Deterministic filler text for fake answers, and the rough token counts that go with it.
import { ceil, max, min } from './boundGlobals.js'
import type { FakeRandom } from './fakeRandom.js'

const WORDS = (
  'the batch model answer result request stream value simple clear data line file job every ' +
  'small quick steady local test emulator response token output input text short useful ' +
  'reliable same each one two three many first next last good fine works returns keeps gives ' +
  'shows follows reads writes runs checks with for from into over under and but so then here ' +
  'there always often'
).split(' ')

const CODE_WORDS = 'value result items index count total name data entry key'.split(' ')

/** A rough token count: about four characters a token, never below one. */
export function estimateTokens(text: string): number {
  return max(1, ceil(text.length / 4))
}

/** A list of `count` words from the fake vocabulary. */
export function fakeWords(random: FakeRandom, count: number): string[] {
  const words: string[] = []
  for (let i = 0; i < count; i++) words.push(random.pick(WORDS))
  return words
}

/** Words set out as sentences of five to eleven words, capitalised and full-stopped. */
export function asSentences(random: FakeRandom, words: readonly string[]): string {
  const sentences: string[] = []
  let start = 0
  while (start < words.length) {
    const end = min(words.length, start + random.nextInt(5, 11))
    const sentence = words.slice(start, end).join(' ')
    sentences.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`)
    start = end
  }
  return sentences.join(' ')
}

/** Fake code for fill-in-the-middle: `count` short statements, one a line. */
export function fakeCodeLines(random: FakeRandom, count: number): string {
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const target = random.pick(CODE_WORDS)
    const source = random.pick(CODE_WORDS)
    lines.push(`  ${target} = ${source} + ${random.nextInt(0, 99)}`)
  }
  return lines.join('\n')
}
