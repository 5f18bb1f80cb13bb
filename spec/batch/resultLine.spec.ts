// Reading one result line: JSON text or an inline item to a tagged result or a ResultLineError.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import * as t from 'io-ts'
import { readResultLine, readResultValue, type ResultLineInfo } from '../../src/batch/resultLine.js'
import { BatchResult } from '../../src/codecs/BatchResult.js'
import { ResultLineError } from '../../src/errors/ResultLineError.js'

const info: ResultLineInfo = { source: 'output', fileId: 'file-1', lineNumber: 7 }
const line = {
  id: 'batch-1',
  custom_id: 'a',
  response: { status_code: 200, body: { answer: 42 } },
  error: null,
}
const Answer = t.type({ answer: t.number }, 'Answer')
const Defaulted = new t.Type<{ answer: number; extra: string }, unknown, unknown>(
  'Defaulted',
  (u): u is { answer: number; extra: string } => Answer.is(u),
  (u, c) => (Answer.is(u) ? t.success({ ...u, extra: 'filled' }) : t.failure(u, c)),
  t.identity,
)

const ChatLike = t.type({ choices: t.array(t.unknown) }, 'ChatLike')
const chatAnswer = (content: string) => ({
  model: 'mistral-small-latest',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
})

const leftOf = (either: E.Either<ResultLineError, unknown>): ResultLineError => {
  if (E.isRight(either)) throw new Error('expected a Left')
  return either.left
}

describe('readResultLine', () => {
  it('tags a line with where it was found and whether it failed, keeping the wire fields', () => {
    expect(readResultLine(JSON.stringify(line), true, info, undefined)).toEqual(
      E.right({ ...line, source: 'output', fileId: 'file-1', lineNumber: 7, failed: false }),
    )
    const failed = { ...line, response: { status_code: 422, body: {} } }
    const read = readResultLine(JSON.stringify(failed), true, info, undefined)
    expect(E.isRight(read) && read.right.failed).toBe(true)
  })

  it("makes text that is not JSON an 'invalid-json' Left, and a cut last line 'truncated'", () => {
    const error = leftOf(readResultLine('{"custom_id": ', true, info, undefined))
    expect(error).toBeInstanceOf(ResultLineError)
    expect(error).toMatchObject({
      reason: 'invalid-json',
      lineNumber: 7,
      excerpt: '{"custom_id": ',
    })
    expect(error.message).toMatch(/^Line 7 of the output file file-1: not JSON \(/)
    const cut = leftOf(readResultLine('{"custom_id": ', false, info, undefined))
    expect(cut.reason).toBe('truncated')
    expect(cut.message).toContain('cut off before its end')
  })

  it("makes JSON that does not fit a 'decode' Left naming the path ('truncated' when cut)", () => {
    const text = JSON.stringify({ ...line, custom_id: 5 })
    const error = leftOf(readResultLine(text, true, info, undefined))
    expect(error.reason).toBe('decode')
    expect(error.message).toBe(
      'Line 7 of the output file file-1: the line did not match BatchResult: ' +
        'custom_id: expected (string | null), got 5',
    )
    expect(error.paths).toEqual(['custom_id: expected (string | null), got 5'])
    expect(leftOf(readResultLine('12', false, info, undefined)).reason).toBe('truncated')
  })

  it('caps the excerpt at 200 characters without splitting a surrogate pair', () => {
    const text = `${'x'.repeat(199)}😀${'y'.repeat(1000)}`
    const error = leftOf(readResultLine(text, true, info, undefined))
    expect(error.excerpt).toBe(`${'x'.repeat(199)}…`)
    const plain = leftOf(readResultLine('z'.repeat(300), true, info, undefined))
    expect(plain.excerpt).toBe(`${'z'.repeat(200)}…`)
  })

  it('decodes the body of a succeeded result with the body codec, keeping what it makes', () => {
    const read = readResultLine(JSON.stringify(line), true, info, { body: Defaulted })
    expect(E.isRight(read) && !read.right.failed && read.right.response.body).toEqual({
      answer: 42,
      extra: 'filled',
    })
  })

  it("makes a body that does not fit a 'decode' Left, but leaves failed results untyped", () => {
    const wrong = { ...line, response: { status_code: 200, body: { answer: 'no' } } }
    const error = leftOf(readResultLine(JSON.stringify(wrong), true, info, { body: Answer }))
    expect(error.reason).toBe('decode')
    expect(error.message).toContain('response.body did not match Answer: answer: expected number')
    const failed = { ...wrong, error: { message: 'boom' } }
    expect(E.isRight(readResultLine(JSON.stringify(failed), true, info, { body: Answer }))).toBe(
      true,
    )
  })

  it('puts the decoded answer of a content codec in `content`, after the body codec', () => {
    const answer = { ...line, response: { status_code: 200, body: chatAnswer('{"answer": 42}') } }
    const read = readResultLine(JSON.stringify(answer), true, info, {
      body: ChatLike,
      content: Answer,
    })
    if (E.isLeft(read) || read.right.failed) throw new Error('expected a succeeded line')
    expect(read.right.content).toEqual({ answer: 42 })
    expect(read.right.response.body.choices).toHaveLength(1)
  })

  it("makes an answer that does not fit the content codec a 'content' Left with its paths", () => {
    const text = JSON.stringify({
      ...line,
      response: { status_code: 200, body: chatAnswer('{"answer": "many"}') },
    })
    const error = leftOf(readResultLine(text, true, info, { content: Answer }))
    expect(error.reason).toBe('content')
    expect(error.paths).toEqual(['answer: expected number, got "many"'])
    expect(error.message).toBe(
      'Line 7 of the output file file-1: choices[0].message.content did not match Answer: ' +
        'answer: expected number, got "many"',
    )
    expect(error.excerpt).toBe(text.slice(0, 200) + '…')
    const prose = JSON.stringify({
      ...line,
      response: { status_code: 200, body: chatAnswer('Forty-two.') },
    })
    const notJson = leftOf(readResultLine(prose, true, info, { content: Answer }))
    expect(notJson).toMatchObject({ reason: 'content', paths: [] })
    expect(notJson.detail).toBe('choices[0].message.content is not JSON: "Forty-two."')
  })

  it('leaves failed results without content, and lines without a content codec untouched', () => {
    const failed = { ...line, response: { status_code: 500, body: { message: 'boom' } } }
    const read = readResultLine(JSON.stringify(failed), true, info, { content: Answer })
    expect(E.isRight(read) && read.right.failed).toBe(true)
    expect(E.isRight(read) && 'content' in read.right).toBe(false)
    const plain = readResultLine(JSON.stringify(line), true, info, { body: Answer })
    expect(E.isRight(plain) && 'content' in plain.right).toBe(false)
  })

  it('gives the same Right or Left as the codec for any JSON text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const read = readResultLine(JSON.stringify(value), true, info, undefined)
        const decoded = BatchResult.decode(value)
        expect(E.isRight(read)).toBe(E.isRight(decoded))
        if (E.isRight(read) && E.isRight(decoded)) {
          const { source, fileId, lineNumber, failed, ...fields } = read.right
          expect([source, fileId, lineNumber, typeof failed]).toEqual([
            'output',
            'file-1',
            7,
            'boolean',
          ])
          expect(fields).toEqual(decoded.right)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('readResultValue', () => {
  it('copies an inline item instead of changing it, and previews it in a Left', () => {
    const item = { ...line }
    const inline: ResultLineInfo = { source: 'inline', fileId: null, lineNumber: 1 }
    const read = readResultValue(item, inline, undefined, false)
    expect(E.isRight(read) && read.right.source).toBe('inline')
    expect(item).toEqual(line)
    const error = leftOf(readResultValue({ custom_id: [1, 2] }, inline, undefined, false))
    expect(error.excerpt).toBe('{"custom_id":[1,2]}')
    expect(error.message).toMatch(/^Line 1 of the job's inline outputs: the line did not match/)
  })
})
