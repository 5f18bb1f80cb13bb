/** Renders `value` as JSON cut at `maxLength` characters (ending in `…`); never walks the whole value. */
export const previewJson = (value: unknown, maxLength = 80): string => {
  if (value === undefined) return 'undefined'
  const out: string[] = []
  let length = 0
  const push = (piece: string): boolean => {
    out.push(piece)
    length += piece.length
    return length <= maxLength
  }
  const write = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object') {
      const text = typeof v === 'bigint' ? v.toString() : JSON.stringify(v)
      return push(text === undefined ? 'null' : text)
    }
    if (Array.isArray(v)) {
      if (!push('[')) return false
      for (let i = 0; i < v.length; i++) {
        if ((i > 0 && !push(',')) || !write(v[i])) return false
      }
      return push(']')
    }
    if (!push('{')) return false
    let first = true
    for (const key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue
      const item = (v as Record<string, unknown>)[key]
      if (item === undefined || typeof item === 'function') continue
      if ((!first && !push(',')) || !push(`${JSON.stringify(key)}:`) || !write(item)) return false
      first = false
    }
    return push('}')
  }
  write(value)
  const text = out.join('')
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text
}
