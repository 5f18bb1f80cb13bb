// The fake OCR: pages of markdown, the requested page numbers, blocks and confidence scores.
import { answer } from './behaviourHelpers.js'

type Page = {
  index: number
  markdown: string
  blocks?: { type: string; content: string }[]
  confidence_scores: null | {
    word_confidence_scores?: { text: string; start_index: number }[]
  }
}

const PDF = { type: 'document_url', document_url: 'https://example.com/report.pdf' }
const ocr = (extra: Record<string, unknown>) => answer('/v1/ocr', { document: PDF, ...extra })

describe('fake OCR', () => {
  it('gives one to three markdown pages, counted in usage_info', () => {
    const body = ocr({})
    const pages = body.pages as Page[]
    expect(pages.length).toBeGreaterThanOrEqual(1)
    expect(pages.length).toBeLessThanOrEqual(3)
    expect(pages.map((page) => page.index)).toEqual(pages.map((_, i) => i))
    expect(pages[0]?.markdown).toMatch(/^# .+\n\n.+\.$/)
    expect(body.usage_info).toEqual({ pages_processed: pages.length, doc_size_bytes: null })
    expect(body.model).toBe('mistral-ocr-latest')
  })

  it('processes exactly the requested pages, as a list or as ranges', () => {
    const indices = (pages: unknown) => (ocr({ pages }).pages as Page[]).map((page) => page.index)
    expect(indices([4, 1])).toEqual([1, 4])
    expect(indices('0,2-4')).toEqual([0, 2, 3, 4])
  })

  it('reads an image as one page', () => {
    const body = answer('/v1/ocr', {
      document: { type: 'image_url', image_url: 'https://x/y.png' },
    })
    expect(body.pages).toHaveLength(1)
  })

  it('gives a title and a text block unless include_blocks is false', () => {
    const [page] = ocr({}).pages as Page[]
    expect(page?.blocks?.map((block) => block.type)).toEqual(['title', 'text'])
    expect(page?.markdown).toContain(page?.blocks?.[1]?.content ?? '?')
    const [bare] = ocr({ include_blocks: false }).pages as Page[]
    expect(bare?.blocks).toBeUndefined()
  })

  it('scores words at their place in the markdown when asked, and nothing by default', () => {
    const [page] = ocr({ confidence_scores_granularity: 'word' }).pages as Page[]
    const words = page?.confidence_scores?.word_confidence_scores ?? []
    expect(words.length).toBeGreaterThan(10)
    for (const word of words) {
      expect(page?.markdown.slice(word.start_index, word.start_index + word.text.length)).toBe(
        word.text,
      )
    }
    expect((ocr({}).pages as Page[])[0]?.confidence_scores).toBeNull()
  })
})
