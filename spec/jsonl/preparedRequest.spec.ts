// Preparing one request: its shape, its id, its JSONL line and the line's UTF-8 length.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { bodyCheck } from '../../src/jsonl/bodyCheck'
import { CustomIdRegistry } from '../../src/jsonl/customIdRegistry'
import { checkRequests, prepareRequest, utf8ByteLength } from '../../src/jsonl/preparedRequest'

const ownOrIndex = (index: number, given: string | undefined) => E.right(given ?? String(index))

describe('utf8ByteLength', () => {
  it('equals the length TextEncoder gives, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length)
      }),
    )
  })
})

describe('prepareRequest', () => {
  it('encodes the request with its id as one JSONL line and measures it', () => {
    const prepared = prepareRequest({ body: { q: 'é' } }, 4, ownOrIndex, 1000)
    expect(prepared).toEqual(
      E.right({
        index: 4,
        custom_id: '4',
        body: { q: 'é' },
        line: '{"custom_id":"4","body":{"q":"é"}}\n',
        bytes: 36,
      }),
    )
  })

  it('escapes newlines inside the line, keeps U+2028 raw and escapes a lone surrogate', () => {
    const prepared = prepareRequest({ body: { t: 'a\nb\r\n\u2028\ud800' } }, 0, ownOrIndex, 1000)
    expect(E.map((p: { line: string }) => p.line)(prepared)).toEqual(
      E.right('{"custom_id":"0","body":{"t":"a\\nb\\r\\n\u2028\\ud800"}}\n'),
    )
  })

  it('names the request whose body has no JSON form', () => {
    expect(prepareRequest({ body: { n: 1n } }, 2, ownOrIndex, 1000)).toEqual(
      E.left(
        expect.objectContaining({
          message: 'requests[2].body.n cannot be encoded as JSON: a BigInt has no JSON form',
        }),
      ),
    )
  })

  it('rejects a custom_id that is not a string', () => {
    expect(prepareRequest({ custom_id: 7, body: {} }, 0, ownOrIndex, 1000)).toEqual(
      E.left(expect.objectContaining({ message: 'requests[0].custom_id must be a string' })),
    )
  })

  it('refuses a body its check refuses, after its id, naming its own custom_id', () => {
    const check = bodyCheck('/v1/embeddings', true)
    const refused = prepareRequest(
      { custom_id: 'e', body: { input: 1 } },
      5,
      ownOrIndex,
      1000,
      check,
    )
    expect(refused).toEqual(
      E.left(
        expect.objectContaining({
          field: 'requests[5].body.input',
          message: expect.stringMatching(/^requests\[5\] \(custom_id "e"\): body\.input: expected/),
        }),
      ),
    )
    const repeated = prepareRequest(
      { body: { input: 1 } },
      0,
      () => E.left('repeated' as never),
      1000,
      check,
    )
    expect(repeated).toEqual(E.left('repeated'))
    expect(E.isRight(prepareRequest({ body: { input: 'a' } }, 0, ownOrIndex, 1000, check))).toBe(
      true,
    )
  })
})

describe('checkRequests', () => {
  it('checks each body with the check given, after its shape and its id', () => {
    const check = bodyCheck('/v1/embeddings', true)
    const requests = [{ body: { input: 'a' } }, { custom_id: 'b', body: { input: ['b', 2] } }]
    expect(checkRequests(requests, new CustomIdRegistry(false))).toEqual(E.right(undefined))
    expect(checkRequests(requests, new CustomIdRegistry(false), check)).toEqual(
      E.left(expect.objectContaining({ field: 'requests[1].body.input[1]' })),
    )
    const repeated = [{ custom_id: 'b', body: { input: 'a' } }, ...requests.slice(1)]
    expect(checkRequests(repeated, new CustomIdRegistry(false), check)).toEqual(
      E.left(expect.objectContaining({ field: 'requests[1].custom_id' })),
    )
  })
})
