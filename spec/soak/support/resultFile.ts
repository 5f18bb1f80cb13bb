// Result lines for the soak specs: the real chat output lines repeated to a size.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const EXAMPLES = readFileSync(join(__dirname, '..', '..', 'fixtures', 'chat-output.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line !== '')

/** About `bytes` of JSONL result lines, each with its own custom_id. */
export const resultFileText = (bytes: number): string => {
  const lines: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const line = EXAMPLES[i % EXAMPLES.length]!.replace(/"custom_id":"\d+"/, `"custom_id":"r-${i}"`)
    lines.push(line)
    size += line.length + 1
  }
  return lines.join('\n') + '\n'
}
