// toJsonText: the JSON text of a body, or where in it and why it has none.
import * as E from 'fp-ts/Either'
import { jsonTextOr, toJsonText } from '../../src/http/jsonProblem.js'

describe('toJsonText', () => {
  it('gives the text of a serializable value, toJSON and all', () => {
    expect(toJsonText({ a: [1, 'b'], d: new Date(0) })).toEqual({
      text: '{"a":[1,"b"],"d":"1970-01-01T00:00:00.000Z"}',
    })
  })

  it('keeps a shared reference that is no cycle', () => {
    const shared = { x: 1 }
    expect(toJsonText({ a: shared, b: [shared] })).toEqual({ text: '{"a":{"x":1},"b":[{"x":1}]}' })
  })

  const cyclic: Record<string, unknown> = {}
  cyclic.again = { back: cyclic }
  const throwingGetter = Object.defineProperty({}, 'secret', {
    enumerable: true,
    get: () => {
      throw new Error('no access')
    },
  })

  it.each<[string, unknown, string, string]>([
    ['undefined', undefined, '', 'undefined has no JSON form'],
    ['a function', () => 1, '', 'a function has no JSON form'],
    [
      'a BigInt deep inside',
      { body: { messages: [{ n: 1n }] } },
      '.body.messages[0].n',
      'a BigInt has no JSON form',
    ],
    ['a cycle', { body: cyclic }, '.body.again.back', 'it refers back to itself (a cycle)'],
    [
      'a throwing toJSON',
      {
        body: {
          'odd key': {
            toJSON: () => {
              throw new Error('nope')
            },
          },
        },
      },
      '.body["odd key"]',
      'its toJSON() threw: nope',
    ],
    ['a throwing getter', { body: throwingGetter }, '.body.secret', 'reading it threw: no access'],
  ])('names the path and reason of %s', (_what, value, path, reason) => {
    expect(toJsonText(value)).toEqual({ problem: { path, reason } })
  })
})

describe('jsonTextOr', () => {
  it('gives the text, or the InvalidRequestError of the field and the path inside it', () => {
    expect(jsonTextOr({ a: 1 }, 'body')).toEqual(E.right('{"a":1}'))
    const secret = {
      toJSON: () => {
        throw new Error('sk-secret')
      },
    }
    const failed = jsonTextOr({ n: secret }, 'body', 'POST /v1/x: ', (text) =>
      text.replace('sk-secret', '[redacted]'),
    )
    expect(failed).toEqual(
      E.left(
        expect.objectContaining({
          message: 'POST /v1/x: body.n cannot be encoded as JSON: its toJSON() threw: [redacted]',
          field: 'body.n',
        }),
      ),
    )
  })
})
