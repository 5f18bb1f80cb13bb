// Fake model of /v1/ocr: a few pages of markdown with dimensions, blocks and optional confidence
// scores.
import { isRecord } from '../jsonValues.js'
import {
  asSentences,
  fakeWords,
  isArray,
  isInteger,
  round6,
  type FakeCall,
  type FakeAnswer,
} from './fakeKit.js'
import { checkOptionalEnum } from './requestChecks.js'

/** Pages drawn for a document when the request does not list them. */
const MAX_FAKE_PAGES = 3

/** The largest page number the emulator accepts in `pages`, to keep responses bounded. */
const MAX_PAGE_INDEX = 999

const PAGE = { dpi: 200, height: 2200, width: 1700 }
const TITLE_BOX = { top_left_x: 150, top_left_y: 150, bottom_right_x: 1550, bottom_right_y: 260 }
const TEXT_BOX = { top_left_x: 150, top_left_y: 300, bottom_right_x: 1550, bottom_right_y: 900 }

/** `document` must be one of the three chunk shapes of OCRRequest. */
const isDocument = (document: unknown): boolean =>
  isRecord(document) &&
  (typeof document.document_url === 'string' ||
    typeof document.file_id === 'string' ||
    typeof document.image_url === 'string' ||
    (isRecord(document.image_url) && typeof document.image_url.url === 'string'))

/** Page numbers from `pages`, a list of integers or a string like '0,2-4'; [] when invalid. */
function parsePages(pages: unknown): number[] | undefined {
  if (pages === undefined || pages === null) return undefined
  const numbers: number[] = []
  if (isArray(pages)) numbers.push(...pages.map((page) => (isInteger(page) ? page : -1)))
  else if (typeof pages === 'string') {
    for (const part of pages.split(',')) {
      const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part)
      const first = Number(range?.[1])
      const last = range?.[2] === undefined ? first : Number(range[2])
      if (range === null || last < first || last > MAX_PAGE_INDEX) return []
      for (let page = first; page <= last; page++) numbers.push(page)
    }
  }
  const valid = numbers.length > 0 && numbers.every((page) => page >= 0 && page <= MAX_PAGE_INDEX)
  return valid ? [...new Set(numbers)].sort((a, b) => a - b) : []
}

/** Confidence scores of a page at the requested granularity, or null when none was asked. */
function pageConfidence(call: FakeCall, granularity: unknown, markdown: string) {
  if (typeof granularity !== 'string') return null
  const minimum = round6(0.6 + call.random.nextFloat() * 0.2)
  const average = round6(minimum + (1 - minimum) * 0.8)
  const scores = { average_page_confidence_score: average, minimum_page_confidence_score: minimum }
  if (granularity !== 'word') return scores
  const words = [...markdown.matchAll(/[A-Za-z]+/g)].map((match) => ({
    text: match[0],
    confidence: average,
    start_index: match.index,
  }))
  return { ...scores, word_confidence_scores: words }
}

/** One fake page: a title and a paragraph, as markdown and as blocks. */
function fakePage(call: FakeCall, index: number, body: Record<string, unknown>) {
  const title = asSentences(call.random, fakeWords(call.random, 4)).slice(0, -1)
  const paragraph = asSentences(call.random, fakeWords(call.random, call.random.nextInt(20, 60)))
  const markdown = `# ${title}\n\n${paragraph}`
  const granularity = body.confidence_scores_granularity
  const confidence = pageConfidence(call, granularity, markdown)
  const page = {
    index,
    markdown,
    images: [],
    tables: [],
    hyperlinks: [],
    header: null,
    footer: null,
    dimensions: PAGE,
    confidence_scores: confidence,
  }
  if (body.include_blocks === false) return page
  const scores =
    granularity === 'block' && confidence !== null
      ? {
          average_content_confidence_score: confidence.average_page_confidence_score,
          minimum_content_confidence_score: confidence.minimum_page_confidence_score,
          block_type_confidence_score: 0.99,
        }
      : null
  const blocks = [
    { type: 'title', ...TITLE_BOX, content: title, confidence_scores: scores },
    { type: 'text', ...TEXT_BOX, content: paragraph, confidence_scores: scores },
  ]
  return { ...page, blocks }
}

export function fakeOcr(body: Record<string, unknown>, call: FakeCall): FakeAnswer {
  const requestedPages = parsePages(body.pages)
  const problem = !isDocument(body.document)
    ? 'The request needs `document`, an object with `document_url`, `image_url` or `file_id`.'
    : requestedPages?.length === 0
      ? `\`pages\` must be a list of page numbers or a string like '0,2-4', each from 0 to ${MAX_PAGE_INDEX}.`
      : checkOptionalEnum(body, 'confidence_scores_granularity', ['word', 'page', 'block'])
  if (problem !== undefined) return problem
  const isImage = isRecord(body.document) && body.document.image_url !== undefined
  const pageNumbers =
    requestedPages ??
    Array.from({ length: isImage ? 1 : call.random.nextInt(1, MAX_FAKE_PAGES) }, (_, i) => i)
  return {
    pages: pageNumbers.map((index) => fakePage(call, index, body)),
    model: call.model,
    document_annotation: null,
    usage_info: { pages_processed: pageNumbers.length, doc_size_bytes: null },
  }
}
