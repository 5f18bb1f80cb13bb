// Result lines for the soak specs: the real chat output lines repeated to a size, and a finished
// job whose output file holds them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BatchJob } from '../../../src/codecs/BatchJob.js'

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

/** A job that ended with SUCCESS and whose output file is `fileId`. */
export const succeededJob = (fileId: string): BatchJob => ({
  id: '00000000-0000-4000-8000-000000000001',
  object: 'batch',
  input_files: ['00000000-0000-4000-8000-000000000002'],
  endpoint: '/v1/chat/completions',
  errors: [],
  status: 'SUCCESS',
  created_at: 0,
  total_requests: 0,
  completed_requests: 0,
  succeeded_requests: 0,
  failed_requests: 0,
  output_file: fileId,
  error_file: null,
})
