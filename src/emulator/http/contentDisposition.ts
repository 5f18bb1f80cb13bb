// The Content-Disposition of a download, encoded per RFC 6266 and RFC 5987 so any file name survives.

/** RFC 5987 attr-char: the bytes an ext-value may carry as they are; every other byte is %XX. */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/

/** A quoted-string may hold printable ASCII except `"` and `\`: the rest becomes `_`. */
const NOT_QUOTABLE = /[^\x20-\x21\x23-\x5b\x5d-\x7e]/gu

/**
 * `attachment; filename="<ASCII fallback>"`, plus `filename*=UTF-8''<percent-encoded UTF-8>`
 * whenever the fallback is not the name itself. Node refuses a header value with a character
 * above U+00FF (a 500 for `日本.jsonl`), sends U+0080..U+00FF as single bytes that clients read
 * as UTF-8 (a mangled `données.jsonl`), and lets a control character break the response: the
 * fallback and the percent-encoding keep every byte of the header printable ASCII.
 */
export const attachmentDisposition = (filename: string): string => {
  const fallback = filename.replace(NOT_QUOTABLE, '_')
  const plain = `attachment; filename="${fallback}"`
  if (fallback === filename) return plain
  // Through the bytes, not encodeURIComponent: a lone surrogate becomes U+FFFD instead of a throw.
  const encoded = [...Buffer.from(filename, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte)
      return ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
  return `${plain}; filename*=UTF-8''${encoded}`
}
