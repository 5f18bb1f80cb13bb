// isRetryableResult: the failures a later attempt may mend (429 and 5xx), and only those.
import { isRetryableResult } from '../../src/codecs/isRetryableResult'

const withStatus = (status_code: number) => ({
  custom_id: '1',
  response: { status_code, body: {} },
})

describe('isRetryableResult', () => {
  it.each([429, 500, 502, 503, 504, 599])('retries a %i', (status) => {
    expect(isRetryableResult(withStatus(status))).toBe(true)
  })

  it.each([200, 204, 400, 404, 408, 422, 600])('does not retry a %i', (status) => {
    expect(isRetryableResult(withStatus(status))).toBe(false)
  })

  it('does not retry an error without a status: its cause is unknown', () => {
    expect(isRetryableResult({ custom_id: '1', response: null, error: { message: 'x' } })).toBe(
      false,
    )
  })
})
