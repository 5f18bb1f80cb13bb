import { FileList } from '../../src/codecs/FileList.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

const file = {
  id: '<your_file_id>',
  object: 'file',
  bytes: null,
  created_at: 1759491994,
  filename: '<your_file_name>',
  purpose: 'batch',
  sample_type: 'batch_result',
  source: 'mistral',
  num_lines: 2,
  mimetype: 'application/jsonl',
  signature: null,
}

describe('FileList', () => {
  it('decodes the spec example', () => {
    const page = { data: [file, file], object: 'list', total: 2 }
    expect(decodeRight(FileList, page)).toEqual(page)
  })

  it('decodes a page without total, and one with total null', () => {
    expect(decodeRight(FileList, { data: [], object: 'list' }).total).toBeUndefined()
    expect(decodeRight(FileList, { data: [], object: 'list', total: null }).total).toBeNull()
  })

  it('reports a bad file inside the page by its index', () => {
    const error = decodeLeft(FileList, {
      data: [file, { ...file, created_at: null }],
      object: 'list',
    })
    expect(error.paths).toEqual(['data.1.created_at: expected number, got null'])
  })
})
