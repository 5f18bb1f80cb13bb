// requestHeaders: auth, user agent and the caller's headers, one value per name.
import { resolveConfig } from '../../src/config.js'
import { requestHeaders } from '../../src/http/request.js'

const config = resolveConfig({
  apiKey: 'sk-1',
  userAgent: 'app/1',
  headers: { 'X-Team': 'search', Authorization: 'Bearer proxy-token' },
})

describe('requestHeaders', () => {
  it('sends the bearer key, the user agent and the content type', () => {
    expect(
      requestHeaders(resolveConfig({ apiKey: 'sk-1' }), undefined, 'application/json'),
    ).toEqual({
      authorization: 'Bearer sk-1',
      'user-agent': 'mistral-batch-rx/0.1.0',
      'content-type': 'application/json',
    })
  })

  it("lets the config's and then the operation's headers replace earlier ones, whatever their case", () => {
    expect(
      requestHeaders(config, { 'x-team': 'ads', Accept: 'application/json' }, undefined),
    ).toEqual({
      authorization: 'Bearer proxy-token',
      'user-agent': 'app/1',
      'x-team': 'ads',
      accept: 'application/json',
    })
  })
})
