// Memory of the emulator while it takes in and serves a 1 GB file: peak RSS during the upload and
// the download, both streamed. Not run by jest. Build first (`npm run build`), then:
//   node spec/bench/emulator-memory.mjs [path/to/emulator/index.js] [sizeMB]
import { Buffer } from 'node:buffer'
import { createReadStream, createWriteStream, promises as fs } from 'node:fs'
import { createRequire } from 'node:module'
import * as http from 'node:http'
import * as os from 'node:os'
import * as path from 'node:path'
import { once } from 'node:events'
import { clearInterval, setInterval } from 'node:timers'

const require = createRequire(import.meta.url)
const modulePath = path.resolve(process.argv[2] ?? 'dist/cjs/emulator/index.js')
const sizeMb = Number(process.argv[3] ?? 1024)
const { startEmulator } = require(modulePath)
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1)

const writeBigFile = async (file, bytes) => {
  const line = JSON.stringify({
    id: 'batch-cd0da3ab-1-377e2e82-7cbb-4f72-bc67-533512f70955',
    custom_id: '0',
    response: { status_code: 200, body: { object: 'chat.completion', content: 'x'.repeat(800) } },
    error: null,
  })
  const out = createWriteStream(file)
  let written = 0
  for (let i = 0; written < bytes; i += 1) {
    const text = line.replace('"custom_id":"0"', `"custom_id":"${i}"`) + '\n'
    written += Buffer.byteLength(text)
    if (!out.write(text)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return written
}

const sampleRss = () => {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  return () => {
    clearInterval(timer)
    return Math.max(peak, process.memoryUsage().rss)
  }
}

const uploadFile = (baseUrl, file, size) =>
  new Promise((resolve, reject) => {
    const boundary = 'emulator-bench-boundary'
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n'
    const tail = `\r\n--${boundary}--\r\n`
    const request = http.request(`${baseUrl}/v1/files`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': Buffer.byteLength(head) + size + Buffer.byteLength(tail),
      },
    })
    request.on('response', async (response) => {
      let text = ''
      for await (const chunk of response) text += chunk
      if (response.statusCode === 200) resolve(JSON.parse(text))
      else reject(new Error(text))
    })
    request.on('error', reject)
    request.write(head)
    const input = createReadStream(file)
    input.pipe(request, { end: false })
    input.on('end', () => request.end(tail))
  })

const download = (url) =>
  new Promise((resolve, reject) => {
    http.get(url, (response) => {
      let bytes = 0
      response.on('data', (chunk) => (bytes += chunk.length))
      response.on('end', () => resolve(bytes))
      response.on('error', reject)
    })
  })

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'emulator-memory-'))
try {
  const source = path.join(dir, 'big.jsonl')
  const bytes = await writeBigFile(source, sizeMb * 1024 * 1024)
  const emulator = await startEmulator({
    dataDir: path.join(dir, 'data'),
    maxUploadBytes: bytes + 1,
  })
  const baseline = process.memoryUsage().rss
  let stop = sampleRss()
  let started = Date.now()
  const file = await uploadFile(emulator.url, source, bytes)
  const uploadPeak = stop()
  const uploadSeconds = (Date.now() - started) / 1000
  stop = sampleRss()
  started = Date.now()
  const received = await download(`${emulator.url}/v1/files/${file.id}/content`)
  const downloadPeak = stop()
  const downloadSeconds = (Date.now() - started) / 1000
  await emulator.close()
  console.log(
    JSON.stringify(
      {
        node: process.version,
        fileMB: Number(mb(bytes)),
        lines: file.num_lines,
        receivedMB: Number(mb(received)),
        baselineRssMB: Number(mb(baseline)),
        uploadPeakRssMB: Number(mb(uploadPeak)),
        uploadMBps: Number((bytes / 1024 / 1024 / uploadSeconds).toFixed(0)),
        downloadPeakRssMB: Number(mb(downloadPeak)),
        downloadMBps: Number((received / 1024 / 1024 / downloadSeconds).toFixed(0)),
      },
      null,
      2,
    ),
  )
} finally {
  await fs.rm(dir, { recursive: true, force: true })
}
