// Node: a JSONL file on disk in, the job's output file on disk out, streamed both ways.
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { concatMap, firstValueFrom, last, lastValueFrom } from 'rxjs'
import { createClient } from '../../src/index.js'
import { downloadToFile$, uploadFile$ } from '../../src/node/index.js'

export async function main(baseUrl: string): Promise<{ bytes: number; lines: number }> {
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'batch-'))
  const input = path.join(folder, 'requests.jsonl')
  const lines = ['Paris', 'Rome', 'Oslo'].map((city) =>
    JSON.stringify({ custom_id: city, body: { messages: [{ role: 'user', content: city }] } }),
  )
  await fs.writeFile(input, lines.join('\n') + '\n')

  // The file is streamed from disk (never read whole); its name on the server is `requests.jsonl`.
  const file = await firstValueFrom(uploadFile$(client, input))
  const job = await lastValueFrom(
    client.batch
      .create$({
        endpoint: '/v1/chat/completions',
        model: 'mistral-small-latest',
        input_files: [file.id],
      })
      .pipe(concatMap((created) => client.batch.watchJob$(created.id, { intervalMs: 100 }))),
  )
  if (job.output_file == null) throw new Error(`job ${job.id} ended ${job.status} without output`)

  // Emits the bytes written so far after each chunk; the file appears complete or not at all.
  const output = path.join(folder, 'results.jsonl')
  const bytes = await lastValueFrom(downloadToFile$(client, job.output_file, output).pipe(last()))
  const written = (await fs.readFile(output, 'utf8')).trim().split('\n').length
  await fs.rm(folder, { recursive: true })
  return { bytes, lines: written }
}
