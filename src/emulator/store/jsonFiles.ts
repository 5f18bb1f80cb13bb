// Durable JSON records on disk: atomic replace (write a temp file, then rename), in call order; read back.
import * as E from 'fp-ts/Either'
import { promises as fs } from 'node:fs'

/** Writes JSON files atomically; writes to the same path are applied in the order requested. */
export class JsonFileWriter {
  private readonly pending = new Map<string, Promise<void>>()
  private counter = 0

  /** Replaces `file` with `value` as JSON; resolves once it is on disk. */
  write(file: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value)
    const previous = this.pending.get(file) ?? Promise.resolve()
    const temp = `${file}.${process.pid}.${(this.counter += 1)}.tmp`
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        await fs.writeFile(temp, text)
        await fs.rename(temp, file)
      })
    this.pending.set(file, next)
    void next
      .finally(() => {
        if (this.pending.get(file) === next) this.pending.delete(file)
      })
      .catch(() => undefined)
    return next
  }

  /** Removes `file` after any write to it already queued. */
  async remove(file: string): Promise<void> {
    await (this.pending.get(file) ?? Promise.resolve()).catch(() => undefined)
    await fs.rm(file, { force: true })
  }

  /** Resolves when every queued write has finished. */
  async drain(): Promise<void> {
    await Promise.all([...this.pending.values()].map((p) => p.catch(() => undefined)))
  }
}

/** A JSON file read and parsed, or why it could not be (empty, not JSON, unreadable). */
export const readJsonFile = async (file: string): Promise<E.Either<string, unknown>> => {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    return E.left(`the file could not be read (${(error as Error).message})`)
  }
  if (text.trim() === '') return E.left('the file is empty')
  try {
    return E.right(JSON.parse(text) as unknown)
  } catch (error) {
    return E.left(`the file is not valid JSON (${(error as Error).message})`)
  }
}
