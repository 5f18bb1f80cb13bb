// What the browser specs share: the Chromium they drive, a static site on 127.0.0.1 (an origin
// of its own), a job's end read from the emulator's admin long poll, and how uploads arrived.
import { accessSync, constants } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import puppeteer, { type Browser } from 'puppeteer-core'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import type { ServerTraffic } from '../../support/serverTraffic.js'

/** The Chromium to drive: `CHROME_PATH`, else Debian's; a missing one fails the suite, saying why. */
const chromiumPath = (): string => {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium'
  try {
    accessSync(path, constants.X_OK)
    return path
  } catch {
    const where = process.env.CHROME_PATH === undefined ? '' : ' (from CHROME_PATH)'
    const fix =
      process.env.CI === undefined
        ? 'install Chromium (Debian: apt-get install chromium) or set CHROME_PATH to a Chrome or Chromium binary'
        : "CI must install it: .ci/run installs Debian's chromium with apt-get when there is none"
    throw new Error(`The browser test needs Chromium, and there is none at ${path}${where}: ${fix}`)
  }
}

/** Headless Chromium (as root in a container: no sandbox, and /dev/shm may be tiny). */
export const launchChromium = (): Promise<Browser> =>
  puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  })

/** A file a site serves: its content type and body. */
export type SiteFile = readonly [type: string, body: string | Buffer]

/** A static site on 127.0.0.1 serving `files` by path (`/` included); anything else is a 404. */
export const serveSite = async (
  files: Readonly<Record<string, SiteFile>>,
): Promise<{ server: Server; origin: string; close(): Promise<void> }> => {
  const server = createServer((request, response) => {
    const file = files[(request.url ?? '').split('?')[0] ?? '']
    if (file === undefined) return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': file[0] }).end(file[1])
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  return {
    server,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  }
}

/** The status job `id` ends in, read through the emulator's admin long poll (never logged). */
export const endStatus = async (emulator: RunningEmulator, id: string): Promise<string> => {
  let after = -1
  for (;;) {
    const reply = await fetch(`${emulator.url}/_emulator/jobs/${id}/next?after=${after}`)
    const { version, job } = (await reply.json()) as { version: number; job: { status: string } }
    if (['SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', 'CANCELLED'].includes(job.status)) {
      return job.status
    }
    after = version
  }
}

/**
 * Checks that the page's file reached the server once, as one Blob (a Content-Length of at least
 * `atLeast` bytes, no chunked body: not streamed), after its CORS preflight.
 */
export const expectOneBlobUpload = (traffic: ServerTraffic, atLeast: number): void => {
  const lines = traffic.requests.map((request) => request.line)
  expect(lines).toContain('OPTIONS /v1/files')
  const uploads = traffic.requests.filter((request) => request.line === 'POST /v1/files')
  expect(uploads.map((upload) => upload.headers['transfer-encoding'])).toEqual([undefined])
  expect(Number(uploads[0]?.headers['content-length'])).toBeGreaterThanOrEqual(atLeast)
}
