// The Content-Disposition of downloads: an ASCII fallback plus RFC 5987 UTF-8 for any other name.
import { attachmentDisposition } from '../../src/routes/filesRoutes'

/** The name a client reads back from `filename*`, and the fallback `filename`. */
const parse = (header: string) => ({
  fallback: /filename="([^"]*)"/.exec(header)?.[1],
  extended: /filename\*=UTF-8''([^;\s]+)/.exec(header)?.[1],
})

describe('attachmentDisposition', () => {
  it('keeps a plain ASCII name as a quoted filename alone', () => {
    expect(attachmentDisposition('input.jsonl')).toBe('attachment; filename="input.jsonl"')
  })

  it.each([
    ['日本.jsonl', '__.jsonl'],
    ['données.jsonl', 'donn_es.jsonl'],
    ['🎉 party.jsonl', '_ party.jsonl'],
    ['say "hi"\\now.jsonl', 'say _hi__now.jsonl'],
    ['a\u0000b\r\nc.jsonl', 'a_b__c.jsonl'],
    ["it's (100%)*.jsonl", "it's (100%)*.jsonl"],
  ])('encodes %j with an ASCII fallback and the exact name in filename*', (name, fallback) => {
    const header = attachmentDisposition(name)
    expect(header).toMatch(/^[\x20-\x7e]+$/)
    const { fallback: quoted, extended } = parse(header)
    expect(quoted).toBe(fallback)
    if (fallback === name) {
      expect(extended).toBeUndefined()
    } else {
      expect(extended).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/)
      expect(decodeURIComponent(extended as string)).toBe(name)
    }
  })

  it('turns a lone surrogate into U+FFFD rather than throwing', () => {
    const { extended } = parse(attachmentDisposition('bad\ud800.jsonl'))
    expect(decodeURIComponent(extended as string)).toBe('bad\ufffd.jsonl')
  })
})
