// The demo's generated requests and the answers it shows.
import { answerOf, demoIndexOf, demoPrompt, demoRequests } from '../../src/demo/demoRequests'
import type { ResultLine } from '../../../../src'

describe('demo requests', () => {
  it('are chat requests with unique ids and varied prompts', () => {
    const requests = [...demoRequests(200)]
    expect(requests).toHaveLength(200)
    expect(new Set(requests.map((r) => r.custom_id)).size).toBe(200)
    const prompts = requests.map(
      (r) => (r.body.messages as Array<{ content: string }>)[0]?.content ?? '',
    )
    expect(new Set(prompts.map((p) => p.replace(/ \(request \d+\)$/, ''))).size).toBeGreaterThan(50)
    expect(requests[0]?.body).toMatchObject({ model: 'mistral-small-latest' })
  })

  it('map a custom_id back to its prompt', () => {
    expect(demoIndexOf('demo-17')).toBe(17)
    expect(demoIndexOf('other')).toBeUndefined()
    expect(demoIndexOf(null)).toBeUndefined()
    expect(demoPrompt(1)).toBe('Write a haiku about reactive streams. (request 1)')
  })
})

describe('answerOf', () => {
  const result = (body: unknown, failed = false): ResultLine =>
    ({
      custom_id: 'demo-0',
      response: { status_code: failed ? 400 : 200, body },
      source: 'output',
      fileId: null,
      lineNumber: 1,
      failed,
    }) as ResultLine
  const completion = (content: unknown) => ({
    id: 'c',
    object: 'chat.completion',
    model: 'm',
    created: 1,
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
  })

  it('reads the first choice, as text or as text chunks', () => {
    expect(answerOf(result(completion('Hello.')))).toBe('Hello.')
    expect(
      answerOf(
        result(
          completion([
            { type: 'text', text: 'A' },
            { type: 'text', text: 'B' },
          ]),
        ),
      ),
    ).toBe('AB')
  })

  it('gives nothing for a failed result or a body that is not a chat completion', () => {
    expect(answerOf(result(completion('x'), true))).toBeUndefined()
    expect(answerOf(result({ data: [] }))).toBeUndefined()
  })
})
