// Durable JSON records on disk: atomic replace (write a temp file, then rename), in call order.
import { promises as fs } from 'node:fs'
import * as path from 'node:path'

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

/** Reads every `*.json` record of a folder (skipping temp files and unreadable records). */
export const readJsonRecords = async (dir: string): Promise<unknown[]> => {
  const names = await fs.readdir(dir).catch(() => [] as string[])
  const records = await Promise.all(
    names
      .filter((name) => name.endsWith('.json'))
      .map(async (name) => {
        try {
          return JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as unknown
        } catch {
          return undefined
        }
      }),
  )
  return records.filter((record) => record !== undefined)
}
