// An output that masks the API keys in every text written to it before passing it on.
import { Writable } from 'node:stream'
import type { Redact } from 'mistral-batch-rx'
import type { CliOutput } from './CliIo.js'

/**
 * Writes to `target` what it is given, with `mask` applied to text. Bytes (a downloaded file on
 * stdout) pass as they are: they are the user's data, and masking could corrupt them. It is a
 * `Writable` because readline and cli-progress need a stream; each write reaches the target at
 * once, so nothing waits here when the process exits.
 */
export class MaskedOutput extends Writable implements CliOutput {
  constructor(
    private readonly target: CliOutput,
    private readonly mask: Redact,
  ) {
    super({ decodeStrings: false })
  }

  get isTTY(): boolean | undefined {
    return this.target.isTTY
  }

  get columns(): number | undefined {
    return this.target.columns
  }

  /**
   * Resolves once everything written so far has left the target (its callback of an empty write
   * ran: writes are taken in order), or rejects with the target's write error.
   */
  flushed(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.target.write('', (error) => (error ? reject(error) : resolve())),
    )
  }

  override _write(
    chunk: string | Uint8Array,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.target.write(typeof chunk === 'string' ? this.mask(chunk) : chunk)
    callback()
  }
}
