import { FileDetail } from '../../src/codecs/FileDetail.js'
import { decodeLeft, decodeRight } from './decodeResult.js'
import { retrievedFileExample } from './support/fileSpecExamples.js'

describe('FileDetail', () => {
  it('decodes the spec example', () => {
    expect(decodeRight(FileDetail, retrievedFileExample)).toEqual(retrievedFileExample)
  })

  it('requires deleted, as the spec does', () => {
    const { deleted: _dropped, ...withoutDeleted } = retrievedFileExample
    expect(decodeLeft(FileDetail, withoutDeleted).message).toBe(
      'Response did not match FileDetail: deleted: expected boolean, got undefined',
    )
  })
})
