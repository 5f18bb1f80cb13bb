import { OCRResponse } from '../../../src/codecs/endpoints/ocr.js'
import { decodeLeft, decodeRight } from '../decodeResult.js'

const page = {
  index: 0,
  markdown: '# Invoice\n\n![img-0.jpeg](img-0.jpeg)\n\n[tbl-0.md](tbl-0.md)',
  images: [
    {
      id: 'img-0.jpeg',
      top_left_x: 12,
      top_left_y: 40,
      bottom_right_x: 300,
      bottom_right_y: 220,
      image_base64: null,
    },
  ],
  tables: [{ id: 'tbl-0.md', content: '| a | b |\n|---|---|', format: 'markdown' }],
  hyperlinks: ['https://example.com'],
  header: null,
  footer: 'Page 1',
  dimensions: { dpi: 200, height: 2200, width: 1700 },
  confidence_scores: { average_page_confidence_score: 0.97, minimum_page_confidence_score: 0.6 },
  blocks: [{ type: 'title', content: 'Invoice', top_left_x: 0, top_left_y: 0 }],
}
const ocr = {
  pages: [page],
  model: 'mistral-ocr-latest',
  document_annotation: null,
  usage_info: { pages_processed: 1, doc_size_bytes: 48213 },
}

describe('OCRResponse', () => {
  it('decodes a page with images, tables, dimensions, scores and blocks', () => {
    expect(decodeRight(OCRResponse, ocr)).toEqual(ocr)
  })

  it('decodes a minimal page: null dimensions and image corners', () => {
    const minimal = {
      pages: [
        {
          index: 0,
          markdown: '',
          images: [
            {
              id: 'i',
              top_left_x: null,
              top_left_y: null,
              bottom_right_x: null,
              bottom_right_y: null,
            },
          ],
          dimensions: null,
        },
      ],
      model: 'mistral-ocr-latest',
      usage_info: { pages_processed: 1 },
    }
    expect(decodeRight(OCRResponse, minimal)).toEqual(minimal)
  })

  it('reports a missing usage count and a bad page dimension by path', () => {
    const error = decodeLeft(OCRResponse, {
      ...ocr,
      pages: [{ ...page, dimensions: { dpi: 200, height: '2200', width: 1700 } }],
      usage_info: {},
    })
    expect(error.paths).toEqual([
      'pages.0.dimensions.height: expected number, got "2200"',
      'usage_info.pages_processed: expected number, got undefined',
    ])
  })
})
