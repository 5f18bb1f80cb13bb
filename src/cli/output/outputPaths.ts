// Default result file names, derived from the input file or the job id.
import * as path from 'node:path'

/** Where results and errors go by default. */
export interface ResultPaths {
  readonly out: string
  readonly errors: string
}

/** `data/batch.jsonl` -> `data/batch.results.jsonl` and `data/batch.errors.jsonl`. */
export const resultPathsFor = (input: string): ResultPaths => {
  const ext = path.extname(input)
  const stem = ext === '.jsonl' || ext === '.json' ? input.slice(0, -ext.length) : input
  return { out: `${stem}.results.jsonl`, errors: `${stem}.errors.jsonl` }
}
