// Where the requests of an input file are: each one's line number, for messages about the file.

/** A reference to a request in a message of the client: `requests[3]`, `requests[3].body.n`. */
const REQUEST_REFERENCE = /requests\[(\d+)\]((?:\.[A-Za-z_$][\w$]*|\[\d+\])*)/g

/**
 * The line of each request of a file (blank lines make them differ from the index), kept as the
 * points where the difference changes: a file without blank lines costs nothing.
 */
export class RequestLines {
  readonly #shifts: Array<{ readonly from: number; readonly by: number }> = []

  /** Records that request `index` (from 0) is on line `lineNumber` (from 1); call in order. */
  add(index: number, lineNumber: number): void {
    const by = lineNumber - index - 1
    if ((this.#shifts.at(-1)?.by ?? 0) !== by) this.#shifts.push({ from: index, by })
  }

  /** The line number (from 1) of request `index` (from 0). */
  lineOf(index: number): number {
    let by = 0
    for (const shift of this.#shifts) {
      if (shift.from > index) break
      by = shift.by
    }
    return index + 1 + by
  }

  /**
   * `text` with each `requests[i]` of the client's messages (an index in the array it was given)
   * said as the file's line: `line 5`, `the custom_id of line 5`.
   */
  inLines(text: string): string {
    return text.replace(REQUEST_REFERENCE, (_match, index: string, path: string) => {
      const line = `line ${this.lineOf(Number(index))}`
      return path === '' ? line : `the ${path.replace(/^\./, '')} of ${line}`
    })
  }
}
