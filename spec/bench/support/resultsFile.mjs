// A big output file of realistic chat result lines, uploaded to the emulator, and a finished job
// object pointing at it (what results$ is given).
import { Buffer } from 'node:buffer'
import { createWriteStream, openAsBlob, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { repoRoot } from './env.mjs'

const { fetch, FormData } = globalThis

/** The real output lines of Mistral's batch API, parsed. */
export const exampleResults = () =>
  readFileSync(path.join(repoRoot, 'spec', 'fixtures', 'chat-output.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line))

/**
 * Writes at least `targetBytes` of result lines to `file`: the real examples in turn, each with
 * its own `custom_id` and `id`, so no two lines are equal. Resolves with the bytes and lines.
 */
export const writeResultsFile = async (file, targetBytes) => {
  const examples = exampleResults()
  const out = createWriteStream(file)
  let bytes = 0
  let lines = 0
  while (bytes < targetBytes) {
    const block = []
    for (let i = 0; i < 1000; i++, lines++) {
      const example = examples[lines % examples.length]
      const id = example.id.replace(/-\d+-/, `-${lines + 1}-`)
      block.push(JSON.stringify({ ...example, id, custom_id: `request-${lines}` }) + '\n')
    }
    const text = block.join('')
    bytes += Buffer.byteLength(text)
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve))
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
  return { bytes, lines }
}

/** Uploads `file` to the emulator at `url` (streamed from disk) and resolves with its file object. */
export const uploadToEmulator = async (url, file) => {
  const form = new FormData()
  form.append('purpose', 'batch')
  form.append('file', await openAsBlob(file), path.basename(file))
  const response = await fetch(`${url}/v1/files`, {
    method: 'POST',
    body: form,
    headers: { authorization: 'Bearer bench-key' },
  })
  if (!response.ok) throw new Error(`upload failed: ${response.status} ${await response.text()}`)
  return response.json()
}

/** A finished job whose output file is `fileId`: results$ streams it without fetching the job. */
export const finishedJob = (fileId) => ({
  id: '00000000-0000-4000-8000-000000000001',
  object: 'batch',
  input_files: ['00000000-0000-4000-8000-000000000002'],
  metadata: null,
  endpoint: '/v1/chat/completions',
  model: 'ministral-3b-latest',
  agent_id: null,
  output_file: fileId,
  error_file: null,
  errors: [],
  outputs: null,
  status: 'SUCCESS',
  created_at: 0,
  total_requests: 0,
  completed_requests: 0,
  succeeded_requests: 0,
  failed_requests: 0,
  started_at: 0,
  completed_at: 0,
})
