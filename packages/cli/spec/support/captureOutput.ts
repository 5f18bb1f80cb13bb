// An in-memory CliOutput for unit specs, optionally pretending to be a terminal.
import { Writable } from 'node:stream'

/** A writable that keeps what it is given as text, and tells who waits for some of it. */
export class CapturedOutput extends Writable {
  text = ''
  readonly isTTY: boolean
  readonly columns: number
  readonly #waiting = new Set<() => void>()

  constructor(isTTY = false, columns = 160) {
    super({ decodeStrings: false })
    this.isTTY = isTTY
    this.columns = columns
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()
    for (const check of this.#waiting) check()
    callback()
  }

  /** Resolves once the text written so far contains `text`. */
  waitFor(text: string): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.text.includes(text)) return
        this.#waiting.delete(check)
        resolve()
      }
      this.#waiting.add(check)
      check()
    })
  }
}
