// encodeQuery: the query string as the Mistral API reads it.
import { encodeQuery } from '../../src/http/query.js'

describe('encodeQuery', () => {
  it('repeats the key of each list item', () => {
    expect(encodeQuery({ status: ['QUEUED', 'RUNNING'] })).toBe('status=QUEUED&status=RUNNING')
  })

  it('sends dates as ISO date-times and booleans as true/false', () => {
    const created = new Date('2026-08-01T10:20:30.000Z')
    expect(encodeQuery({ created_after: created, created_by_me: false, inline: true })).toBe(
      'created_after=2026-08-01T10%3A20%3A30.000Z&created_by_me=false&inline=true',
    )
  })

  it('leaves out undefined and null', () => {
    expect(encodeQuery({ page: 0, model: undefined, agent_id: null, page_size: 100 })).toBe(
      'page=0&page_size=100',
    )
  })

  it('sends a record as bare key=value pairs', () => {
    expect(encodeQuery({ metadata: { team: 'search', run: 3 }, page: 1 })).toBe(
      'team=search&run=3&page=1',
    )
  })

  it('percent-encodes keys and values', () => {
    expect(encodeQuery({ search: 'a b&c=d/é' })).toBe('search=a+b%26c%3Dd%2F%C3%A9')
  })

  it('gives an empty string for no parameters', () => {
    expect(encodeQuery({})).toBe('')
    expect(encodeQuery({ status: [] })).toBe('')
  })
})
