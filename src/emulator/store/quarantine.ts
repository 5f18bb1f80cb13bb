// Setting damaged state aside: moved under <dataDir>/quarantine/, never deleted, so a person can look.
import { promises as fs } from 'node:fs'
import * as path from 'node:path'

/** Moves the entries `names` of `dir` into `target` (made when missing); one already gone is fine. */
export const quarantine = async (
  dir: string,
  names: readonly string[],
  target: string,
): Promise<void> => {
  await fs.mkdir(target, { recursive: true })
  for (const name of names) {
    await fs.rename(path.join(dir, name), path.join(target, name)).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error
    })
  }
}
