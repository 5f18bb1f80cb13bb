// Masking the keys in use in printed text: every form, every piece, keys added later.
import { secretsMask } from '../src/maskSecrets'

describe('secretsMask', () => {
  it('masks a key as is, JSON-escaped and percent-encoded', () => {
    const key = 'sk-a"b\\c%d-0001'
    const mask = secretsMask([key])
    expect(mask(`raw ${key} json ${JSON.stringify(key)} url ${encodeURIComponent(key)}`)).toBe(
      'raw [redacted] json "[redacted]" url [redacted]',
    )
  })

  it('masks the pieces a key with line breaks or control characters leaves after folding', () => {
    const mask = secretsMask(['sk-first-0001\r\n\u0000sk-second-0002'])
    expect(mask('folded: sk-first-0001 sk-second-0002')).toBe('folded: [redacted] [redacted]')
  })

  it('reads the list when called, so a key added after the mask was made counts', () => {
    const secrets: string[] = []
    const mask = secretsMask(secrets)
    secrets.push('sk-late-0001')
    expect(mask('key sk-late-0001')).toBe('key [redacted]')
  })

  it('leaves keys shorter than 4 characters alone, rather than garble every word', () => {
    expect(secretsMask(['ab'])(' a b ab abc')).toBe(' a b ab abc')
  })
})
