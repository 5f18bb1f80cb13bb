import { FileDetail } from '../../src/codecs/FileDetail.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

// The retrieve example of Mistral's spec, verbatim.
const retrieved = {
  id: 'e85980c9-409e-4a46-9304-36588f6292b0',
  object: 'file',
  bytes: null,
  created_at: 1759500189,
  filename: 'example.file.jsonl',
  purpose: 'fine-tune',
  sample_type: 'instruct',
  source: 'upload',
  deleted: false,
  num_lines: 2,
  mimetype: 'application/jsonl',
  signature: 'd4821d2de1917341',
}

describe('FileDetail', () => {
  it('decodes the spec example', () => {
    expect(decodeRight(FileDetail, retrieved)).toEqual(retrieved)
  })

  it('requires deleted, as the spec does', () => {
    const { deleted: _dropped, ...withoutDeleted } = retrieved
    expect(decodeLeft(FileDetail, withoutDeleted).message).toBe(
      'Response did not match FileDetail: deleted: expected boolean, got undefined',
    )
  })
})
