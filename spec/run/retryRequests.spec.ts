// Reading the requests of a round back: by index from memory, and the custom_id of an input line.
import { lastValueFrom, toArray } from 'rxjs'
import { CustomIdRegistry } from '../../src/jsonl/customIdRegistry'
import { customIdOfLine, requestsByIndex } from '../../src/run/retryRequests'

describe('customIdOfLine', () => {
  it.each([
    ['{"custom_id":"7","body":{"a":1}}', '7'],
    ['{"custom_id":"say \\"hi\\"","body":{}}', 'say "hi"'],
    ['{"custom_id":"back\\\\","body":{}}', 'back\\'],
    ['{"body":{"x":1},"custom_id":"late"}', 'late'],
    ['{ "custom_id" : "spaced", "body": {} }', 'spaced'],
  ])('reads %s as %j', (line, id) => {
    expect(customIdOfLine(line)).toBe(id)
  })

  it.each([['{"custom_id":7,"body":{}}'], ['not json'], ['{"custom_id":"cut'], ['{"body":{}}']])(
    'finds no id in %s',
    (line) => {
      expect(customIdOfLine(line)).toBeUndefined()
    },
  )
})

describe('requestsByIndex', () => {
  it('gives the wanted requests in input order, each with its id, assigned ones included', async () => {
    const requests = [{ body: { n: 0 } }, { custom_id: 'x', body: { n: 1 } }, { body: { n: 2 } }]
    const registry = new CustomIdRegistry()
    requests.forEach((request, index) => registry.add(index, request.custom_id))
    const picked = await lastValueFrom(
      requestsByIndex(
        (index) => requests[index],
        registry,
      )(new Set(['2', 'x', 'gone'])).pipe(toArray()),
    )
    expect(picked).toEqual([
      { custom_id: 'x', body: { n: 1 } },
      { custom_id: '2', body: { n: 2 } },
    ])
  })
})
