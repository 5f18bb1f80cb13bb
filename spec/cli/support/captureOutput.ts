// An in-memory CliOutput for unit specs, optionally pretending to be a terminal.
import { Writable } from 'node:stream'

/** A writable that keeps what it is given as text. */
export class CapturedOutput extends Writable {
  text = ''
  readonly isTTY: boolean
  readonly columns: number

  constructor(isTTY = false, columns = 160) {
    super({ decodeStrings: false })
    this.isTTY = isTTY
    this.columns = columns
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()
    callback()
  }
}
