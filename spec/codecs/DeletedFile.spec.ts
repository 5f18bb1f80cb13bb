import { DeletedFile } from '../../src/codecs/DeletedFile.js'
import { SignedUrl } from '../../src/codecs/SignedUrl.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

describe('DeletedFile', () => {
  it('decodes the spec example', () => {
    const body = { id: 'e85980c9-409e-4a46-9304-36588f6292b0', object: 'file', deleted: true }
    expect(decodeRight(DeletedFile, body)).toEqual(body)
  })

  it('reports a missing deleted flag', () => {
    expect(decodeLeft(DeletedFile, { id: 'x', object: 'file' }).paths).toEqual([
      'deleted: expected boolean, got undefined',
    ])
  })
})

describe('SignedUrl', () => {
  it('decodes a url and reports a missing one', () => {
    expect(decodeRight(SignedUrl, { url: 'https://files.example/x?sig=1' }).url).toBe(
      'https://files.example/x?sig=1',
    )
    expect(decodeLeft(SignedUrl, {}).message).toBe(
      'Response did not match SignedUrl: url: expected string, got undefined',
    )
  })
})
