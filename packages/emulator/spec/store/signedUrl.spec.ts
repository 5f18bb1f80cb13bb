// Signed URLs: valid until their expiry, refused when any part is changed.
import { checkSignature, signature, signedPathAndQuery } from '../../src/store/signedUrl'

describe('signed URLs', () => {
  const secret = 'test-secret'
  const id = 'e85980c9-409e-4a46-9304-36588f6292b0'

  it('builds a path carrying the expiry and the signature', () => {
    expect(signedPathAndQuery(secret, id, 1000)).toBe(
      `/_signed/files/${id}/content?expires=1000&signature=${signature(secret, id, 1000)}`,
    )
  })

  it('accepts a fresh signature, refuses an expired one, a changed id, expiry or key', () => {
    const sig = signature(secret, id, 5000)
    expect(checkSignature(secret, id, '5000', sig, 4000)).toBe('ok')
    expect(checkSignature(secret, id, '5000', sig, 5001)).toBe('expired')
    expect(checkSignature(secret, 'other', '5000', sig, 4000)).toBe('invalid')
    expect(checkSignature(secret, id, '6000', sig, 4000)).toBe('invalid')
    expect(checkSignature('other-secret', id, '5000', sig, 4000)).toBe('invalid')
    expect(checkSignature(secret, id, undefined, sig, 4000)).toBe('invalid')
    expect(checkSignature(secret, id, '5000', 'zz', 4000)).toBe('invalid')
  })
})
