import { FileObject } from '../../src/codecs/FileObject.js'
import { decodeLeft, decodeRight } from './decodeResult.js'
import { uploadedFileExample } from './support/fileSpecExamples.js'

describe('FileObject', () => {
  it('decodes the spec example, bytes: null included', () => {
    expect(decodeRight(FileObject, uploadedFileExample)).toEqual(uploadedFileExample)
  })

  it('decodes a batch output file with every optional field', () => {
    const file = {
      ...uploadedFileExample,
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
      ...uploadedFileExample,
      purpose: 'audio',
      sample_type: 'transcript',
      source: 'connector',
      visibility: 'org',
    }
    expect(decodeRight(FileObject, file)).toMatchObject({ purpose: 'audio', visibility: 'org' })
  })

  it('reports a missing filename and a string size by path', () => {
    const { filename: _dropped, ...noName } = uploadedFileExample
    const error = decodeLeft(FileObject, { ...noName, bytes: '13000' })
    expect(error.paths).toEqual([
      'bytes: expected (number | null), got "13000"',
      'filename: expected string, got undefined',
    ])
  })
})
