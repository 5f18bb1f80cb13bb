import { FileObject } from '../../src/codecs/FileObject.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

// The upload example of Mistral's own spec, verbatim: note `bytes: null` against an integer schema.
const specExample = {
  id: 'e85980c9-409e-4a46-9304-36588f6292b0',
  object: 'file',
  bytes: null,
  created_at: 1759500189,
  filename: 'example.file.jsonl',
  purpose: 'fine-tune',
  sample_type: 'instruct',
  source: 'upload',
  num_lines: 2,
  mimetype: 'application/jsonl',
  signature: 'd4821d2de1917341',
}

describe('FileObject', () => {
  it('decodes the spec example, bytes: null included', () => {
    expect(decodeRight(FileObject, specExample)).toEqual(specExample)
  })

  it('decodes a batch output file with every optional field', () => {
    const file = {
      ...specExample,
      bytes: 48213,
      purpose: 'batch',
      sample_type: 'batch_result',
      source: 'mistral',
      expires_at: null,
      visibility: 'workspace',
    }
    expect(decodeRight(FileObject, file)).toEqual(file)
  })

  it('decodes unknown purpose, sample type, source and visibility', () => {
    const file = {
      ...specExample,
      purpose: 'audio',
      sample_type: 'transcript',
      source: 'connector',
      visibility: 'org',
    }
    expect(decodeRight(FileObject, file)).toMatchObject({ purpose: 'audio', visibility: 'org' })
  })

  it('reports a missing filename and a string size by path', () => {
    const { filename: _dropped, ...noName } = specExample
    const error = decodeLeft(FileObject, { ...noName, bytes: '13000' })
    expect(error.paths).toEqual([
      'bytes: expected (number | null), got "13000"',
      'filename: expected string, got undefined',
    ])
  })
})
