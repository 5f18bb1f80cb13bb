// Memory of the emulator itself while it takes in and serves a 1 GB file: its peak RSS during
// the upload and during the download, both streamed. The emulator runs in this process. Not
// part of npm run bench; run it on its own:
//   node spec/bench/emulator-memory.mjs [--mb 1024]      (MBRX_EMULATOR_DIST picks the build)
import { promises as fs } from 'node:fs'
import * as http from 'node:http'
import * as os from 'node:os'
import * as path from 'node:path'
import { emulatorDistDir, MB, option, requireFromRepo } from './support/env.mjs'
import { peakRss, resetPeakRss } from './support/peakRss.mjs'
import { uploadToEmulator, writeResultsFile } from './support/resultsFile.mjs'
import { timed } from './support/stats.mjs'

const { startEmulator } = requireFromRepo(path.join(emulatorDistDir, 'index.js'))
const sizeMb = Number(option('mb', 1024))
const mb = (bytes) => Number((bytes / MB).toFixed(1))

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
  const { bytes } = await writeResultsFile(source, sizeMb * MB)
  const emulator = await startEmulator({
    dataDir: path.join(dir, 'data'),
    maxUploadBytes: bytes + MB,
  })
  globalThis.gc?.()
  const baseline = process.memoryUsage.rss()
  let rss = resetPeakRss()
  const upload = await timed(() => uploadToEmulator(emulator.url, source))
  const uploadPeak = peakRss(rss)
  rss = resetPeakRss()
  const received = await timed(() =>
    download(`${emulator.url}/v1/files/${upload.value.id}/content`),
  )
  const downloadPeak = peakRss(rss)
  await emulator.close()
  console.log(
    JSON.stringify(
      {
        node: process.version,
        rssSource: rss,
        fileMB: mb(bytes),
        lines: upload.value.num_lines,
        receivedMB: mb(received.value),
        baselineRssMB: mb(baseline),
        uploadPeakRssMB: mb(uploadPeak),
        uploadMBps: Math.round(bytes / MB / (upload.ms / 1000)),
        downloadPeakRssMB: mb(downloadPeak),
        downloadMBps: Math.round(received.value / MB / (received.ms / 1000)),
      },
      null,
      2,
    ),
  )
} finally {
  await fs.rm(dir, { recursive: true, force: true })
}
