// Structured outputs: the JSON of a chat answer's text, from a string or text chunks, decoded.
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { readContent } from '../../src/batch/resultContent'
import { formatPaths } from '../../src/codecs/formatPaths'

const Book = t.type({ name: t.string, authors: t.array(t.string) }, 'Book')
const chatBody = (content: unknown) => ({
  model: 'mistral-small-latest',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
})
const book = { name: 'Dune', authors: ['Frank Herbert'] }

describe('readContent', () => {
  it('parses the JSON text of choices[0].message.content and decodes it', () => {
    expect(readContent(chatBody(JSON.stringify(book)), Book)).toEqual(E.right(book))
  })

  it("joins the text chunks of a reasoning model's answer, skipping its thinking", () => {
    const chunks = [
      { type: 'thinking', thinking: [{ type: 'text', text: 'not this' }] },
      { type: 'text', text: '{"name": "Dune", ' },
      { type: 'text', text: '"authors": ["Frank Herbert"]}' },
    ]
    expect(readContent(chatBody(chunks), Book)).toEqual(E.right(book))
  })

  it('says so when there is no text to parse', () => {
    for (const body of [
      chatBody(null),
      { choices: [] },
      'text',
      chatBody([{ type: 'image_url' }]),
    ]) {
      expect(readContent(body, Book)).toEqual(
        E.left('response.body has no text at choices[0].message.content'),
      )
    }
  })

  it('shows the start of an answer that is not JSON', () => {
    expect(readContent(chatBody(`I cannot answer that. ${'x'.repeat(100)}`), Book)).toEqual(
      E.left(
        'choices[0].message.content is not JSON: "I cannot answer that. xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…',
      ),
    )
  })

  it("gives the codec's errors for JSON that does not fit", () => {
    const read = readContent(chatBody('{"name": "Dune", "authors": "Frank Herbert"}'), Book)
    if (E.isRight(read) || typeof read.left === 'string') throw new Error('expected errors')
    expect(formatPaths(read.left)).toEqual(['authors: expected Array<string>, got "Frank Herbert"'])
  })
})
