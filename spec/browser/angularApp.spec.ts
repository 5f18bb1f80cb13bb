// A real Angular app in headless Chromium: docs/examples/angular-app (a standalone component,
// provideMistralBatch, jobProgress), built by the Angular CLI's application builder against the
// packed tarballs of mistral-batch-rx and @mistral-batch-rx/angular, as an app installs them,
// then run against emulators on other origins: 12,000 requests in file mode to their last
// result, and a run stopped mid-way. `npm run test:browser`; never part of `jest`.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, extname, join, relative } from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { packAll, root } from '../package/packages.js'
import { within } from '../support/httpContext.js'
import { watchTraffic, type ServerTraffic } from '../support/serverTraffic.js'
import {
  endStatus,
  expectOneBlobUpload,
  launchChromium,
  serveSite,
  type SiteFile,
} from './support/chromium.js'

const app = join(root, 'docs', 'examples', 'angular-app')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const quiet = {
  cwd: app,
  stdio: 'pipe' as const,
  env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
}

/** The app's own dependencies (Angular, its CLI), installed from its lock file when missing. */
const installApp = (): void => {
  const installed = join(app, 'node_modules', '.package-lock.json')
  const lock = join(app, 'package-lock.json')
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], quiet)
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
}

/** Every file of the built app, by URL path; `/` is its index.html. */
const builtFiles = (dir: string): Record<string, SiteFile> => {
  const files: Record<string, SiteFile> = {}
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else {
        files[`/${relative(dir, path)}`] = [
          TYPES[extname(name)] ?? 'application/octet-stream',
          readFileSync(path),
        ]
      }
    }
  }
  walk(dir)
  const index = files['/index.html']
  if (index === undefined) throw new Error(`ng build left no index.html in ${dir}`)
  files['/'] = index
  return files
}

/** The text of the element `#id` of the page. */
const text = (page: Page, id: string): Promise<string> =>
  page.$eval(`#${id}`, (element) => element.textContent?.trim() ?? '')

/** Waits until `#id` shows text matching `pattern` (a regex source), then returns the text. */
const shownWhen = async (page: Page, id: string, pattern: string, timeout = 60_000) => {
  await page.waitForFunction(
    (id, pattern) =>
      new RegExp(pattern).test(document.getElementById(id)?.textContent?.trim() ?? ''),
    { timeout },
    id,
    pattern,
  )
  return text(page, id)
}

describe('the example Angular app, built by the Angular CLI, in headless Chromium', () => {
  let tarballs: Record<'core' | 'angular', string>
  let buildOutput = ''
  let site: Awaited<ReturnType<typeof serveSite>>
  let fast: RunningEmulator
  let slow: RunningEmulator
  let fastTraffic: ServerTraffic
  let slowTraffic: ServerTraffic
  let browser: Browser
  const printed: string[] = []

  const open = async (emulator: RunningEmulator, requests: number): Promise<Page> => {
    const page = await browser.newPage()
    page.on('console', (message) => printed.push(message.text()))
    page.on('pageerror', (error) => printed.push(String(error)))
    await page.goto(`${site.origin}/?api=${encodeURIComponent(emulator.url)}&requests=${requests}`)
    await page.waitForSelector('#start:not([disabled])', { timeout: 20_000 })
    return page
  }

  beforeAll(async () => {
    installApp()
    // The app gets the packages as a user's app does: packed, then installed (not linked).
    tarballs = packAll(['core', 'angular'])
    execFileSync(
      npm,
      ['install', '--no-save', '--no-audit', '--no-fund', tarballs.core, tarballs.angular],
      quiet,
    )
    rmSync(join(app, 'dist'), { recursive: true, force: true })
    const ng = join(app, 'node_modules', '@angular', 'cli', 'bin', 'ng.js')
    const build = spawnSync(process.execPath, [ng, 'build'], { ...quiet, encoding: 'utf8' })
    buildOutput = `${build.stdout}${build.stderr}`
    if (build.status !== 0) throw new Error(`ng build failed:\n${buildOutput}`)
    site = await serveSite(builtFiles(join(app, 'dist', 'browser')))
    // The app sends a placeholder key (app.config.ts), which an emulator without apiKey takes.
    const options = { queueDelayMs: 0, cors: [site.origin] }
    fast = await startEmulator({ ...options, rate: 10_000 })
    slow = await startEmulator({ ...options, rate: 10 })
    fastTraffic = watchTraffic(fast.port)
    slowTraffic = watchTraffic(slow.port)
    browser = await launchChromium()
  }, 300_000)

  afterAll(async () => {
    fastTraffic?.stop()
    slowTraffic?.stop()
    await browser?.close()
    await Promise.all([fast?.close(), slow?.close(), site?.close()])
    if (tarballs !== undefined) rmSync(dirname(dirname(tarballs.core)), { recursive: true })
  })

  afterEach(() => {
    // Whatever happened, the app printed no error (Angular reports its own through the console).
    expect(printed.filter((line) => /error/i.test(line))).toEqual([])
  })

  it('builds without a warning: every module the app gets is ESM, none CommonJS', () => {
    expect(buildOutput).toContain('Application bundle generation complete')
    expect(buildOutput).not.toMatch(/WARNING|not ESM|CommonJS/i)
  })

  it('runs 12,000 requests in file mode: one Blob upload, progress and jobProgress shown, every result', async () => {
    const page = await open(fast, 12_000)
    await page.click('#start')
    expect(await shownWhen(page, 'status', '^(completed|error)')).toBe(
      'completed SUCCESS: 12000 succeeded, 0 missing',
    )
    expect(await text(page, 'progress')).toBe('12000 / 12000 done')
    expect(await text(page, 'results')).toBe('12000 results')
    // the job's own watch, a signal from jobProgress, reaches the end too
    expect(await shownWhen(page, 'job', '^job (SUCCESS|FAILED|CANCELLED)')).toBe(
      'job SUCCESS: 12000 succeeded, 0 failed',
    )
    // Chromium refuses a streamed body over HTTP/1.1 before sending it: the file arrived once,
    // as one Blob (a Content-Length, no chunked body), after its CORS preflight.
    expectOneBlobUpload(fastTraffic, 12_000 * 80)
    expect(
      fast.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batch/jobs'),
    ).toHaveLength(1)
    await page.close()
  })

  it('Stop unsubscribes: the job is cancelled, and jobProgress shows it CANCELLED', async () => {
    const page = await open(slow, 1_200)
    await page.click('#start')
    const status = await shownWhen(page, 'status', '^(running|completed|error)', 30_000)
    expect(status).toMatch(/^running [0-9a-f-]{36}$/)
    const jobId = status.slice('running '.length)
    const cancelArrives = slowTraffic.next(`POST /v1/batch/jobs/${jobId}/cancel`)
    await page.click('#stop')
    const cancel = await cancelArrives
    await expect(slowTraffic.ended(cancel)).resolves.toEqual({ finished: true })
    await expect(within(endStatus(slow, jobId), 10_000, 'CANCELLED')).resolves.toBe('CANCELLED')
    expect(await text(page, 'status')).toBe('stopped')
    // the run stopped; the job's own watch goes on to its terminal snapshot
    expect(await shownWhen(page, 'job', '^job (SUCCESS|FAILED|CANCELLED)', 30_000)).toMatch(
      /^job CANCELLED: \d+ succeeded, 0 failed$/,
    )
    const job = slow.requests.filter((r) => r.path.startsWith(`/v1/batch/jobs/${jobId}`))
    expect(job.filter((r) => r.status >= 400)).toEqual([])
    await page.close()
  })
})
