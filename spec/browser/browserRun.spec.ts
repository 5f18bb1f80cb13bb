// The core in a real browser: docs/examples/browser-batch.ts bundled by esbuild from the built
// package (dist/browser, through its `browser` export condition), served from one origin, run in
// headless Chromium against emulators on others (so CORS runs): 12,000 requests in file mode to
// their last result, then a run stopped mid-way. `npm run test:browser`; never part of `jest`.
import { execFileSync } from 'node:child_process'
import { join, relative, resolve, sep } from 'node:path'
import { build, type Metafile } from 'esbuild'
import type { Browser, Page } from 'puppeteer-core'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import type { BatchPage, RunConfig } from '../../docs/examples/browser-batch.js'
import { TEST_API_KEY, within } from '../support/httpContext.js'
import { watchTraffic, type ServerTraffic } from '../support/serverTraffic.js'
import { endStatus, expectOneBlobUpload, launchChromium, serveSite } from './support/chromium.js'

const root = resolve(__dirname, '..', '..')

/** The page bundled as an app's bundler would: esbuild, for browsers, from the built package. */
const bundlePage = async (): Promise<{ code: string; inputs: string[] }> => {
  const result = await build({
    entryPoints: [join(root, 'docs', 'examples', 'browser-batch.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // tsconfig.json maps 'mistral-batch-rx' to src/ for tsc and jest; a page gets the package
    // itself: the example lives inside it, so the name resolves through its own `exports`
    tsconfigRaw: {},
  })
  const inputs = Object.keys((result.metafile as Metafile).inputs).map((input) =>
    relative(root, resolve(root, input)),
  )
  return { code: result.outputFiles[0]?.text ?? '', inputs }
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A batch in the browser</title>
<script type="module" src="/browser-batch.js"></script></head><body></body></html>`

/** The text of line `line` of run `run` on the page, '' while there is none. */
const shown = (page: Page, run: string, line: string): Promise<string> =>
  page.evaluate(
    (run, line) =>
      document.querySelector(`[data-run="${run}"] [data-line="${line}"]`)?.textContent ?? '',
    run,
    line,
  )

/** Waits until run `run` shows a status that `done` accepts (a regex source), then returns it. */
const statusWhen = async (page: Page, run: string, done: string, timeout: number) => {
  await page.waitForFunction(
    (run, done) =>
      new RegExp(done).test(
        document.querySelector(`[data-run="${run}"] [data-line="status"]`)?.textContent ?? '',
      ),
    { timeout },
    run,
    done,
  )
  return shown(page, run, 'status')
}

const start = (page: Page, name: string, config: RunConfig) =>
  page.evaluate(
    (name, config) => (window as unknown as { batchPage: BatchPage }).batchPage.start(name, config),
    name,
    config,
  )

const stop = (page: Page, name: string) =>
  page.evaluate(
    (name) => (window as unknown as { batchPage: BatchPage }).batchPage.stop(name),
    name,
  )

/** The job ids run `run` shows. */
const jobsOf = (page: Page, run: string): Promise<string[]> =>
  page.evaluate(
    (run) =>
      (document.querySelector<HTMLElement>(`[data-run="${run}"]`)?.dataset.jobs ?? '')
        .split(' ')
        .filter((id) => id !== ''),
    run,
  )

describe('a batch run in headless Chromium, against emulators on other origins', () => {
  let bundle: { code: string; inputs: string[] }
  let site: Awaited<ReturnType<typeof serveSite>>
  let fast: RunningEmulator
  let slow: RunningEmulator
  let fastTraffic: ServerTraffic
  let slowTraffic: ServerTraffic
  let browser: Browser
  let page: Page
  /** Everything the page printed: console messages and uncaught errors. */
  const printed: string[] = []

  beforeAll(async () => {
    // The page must run the code of this tree: the core is built afresh (about 6 s), never stale.
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), root], { stdio: 'pipe' })
    bundle = await bundlePage()
    site = await serveSite({
      '/': ['text/html; charset=utf-8', PAGE],
      '/browser-batch.js': ['text/javascript; charset=utf-8', bundle.code],
    })
    const cors = [site.origin]
    // 10,000 requests a second: 12,000 run in about a second, in several progress steps
    fast = await startEmulator({ apiKey: TEST_API_KEY, rate: 10_000, queueDelayMs: 0, cors })
    // 10 a second: a job runs for minutes, stopped long before its end
    slow = await startEmulator({ apiKey: TEST_API_KEY, rate: 10, queueDelayMs: 0, cors })
    fastTraffic = watchTraffic(fast.port)
    slowTraffic = watchTraffic(slow.port)
    browser = await launchChromium()
    page = await browser.newPage()
    page.on('console', (message) => printed.push(message.text()))
    page.on('pageerror', (error) => printed.push(String(error)))
    await page.goto(`${site.origin}/`)
    await page.waitForFunction(() => 'batchPage' in window, { timeout: 10_000 })
  }, 90_000)

  afterAll(async () => {
    fastTraffic?.stop()
    slowTraffic?.stop()
    await browser?.close()
    await Promise.all([fast?.close(), slow?.close()])
    await site?.close()
  })

  afterEach(async () => {
    if (page === undefined) return // the suite could not start: its error says why
    expect(await page.content()).not.toContain(TEST_API_KEY)
    expect(printed.filter((text) => text.includes(TEST_API_KEY))).toEqual([])
  })

  it('bundles the built package of this tree: dist/browser, without cross-fetch', () => {
    expect(bundle.inputs).toContain(join('dist', 'browser', 'index.js'))
    expect(bundle.inputs).toContain(join('dist', 'browser', 'http', 'platformFetch.js'))
    // Outside node_modules: the page and this tree's browser build, nothing else (no src/, no
    // other checkout's dist/); inside: ES builds only, and no cross-fetch.
    const ownFiles = bundle.inputs.filter((input) => !input.includes('node_modules'))
    const strays = ownFiles.filter(
      (input) =>
        input !== join('docs', 'examples', 'browser-batch.ts') &&
        !input.startsWith(join('dist', 'browser') + sep),
    )
    expect(strays).toEqual([])
    const libraries = bundle.inputs.filter((input) => input.includes('node_modules'))
    expect(libraries.filter((input) => /cross-fetch|fp-ts\/lib|io-ts\/lib/.test(input))).toEqual([])
  })

  it('runs 12,000 requests in file mode: a Blob upload, progress shown, every result joined', async () => {
    const config = {
      baseUrl: fast.url,
      apiKey: TEST_API_KEY,
      requests: 12_000,
      cancelOnUnsubscribe: false,
      intervalMs: 100,
    }
    await start(page, 'whole', config)
    expect(await statusWhen(page, 'whole', '^(completed|failed)', 60_000)).toBe('completed SUCCESS')
    expect(await shown(page, 'whole', 'progress')).toBe('succeeded 12000 / 12000')
    expect(await shown(page, 'whole', 'results')).toBe(
      'results 12000 joined: 12000 succeeded, 0 failed, 0 missing',
    )

    // The file went as one Blob: a Content-Length, no chunked (streamed) body; after a preflight.
    expectOneBlobUpload(fastTraffic, 12_000 * 80)
    const [jobId] = await jobsOf(page, 'whole')
    const log = fast.requests.map((r) => `${r.method} ${r.path} ${r.status}`)
    expect(log).toEqual(expect.arrayContaining(['POST /v1/files 200', 'POST /v1/batch/jobs 200']))
    expect(log).toContain(`GET /v1/batch/jobs/${jobId} 200`)
  })

  it('stopping a run aborts the poll in flight, cancels the job, and polls no more', async () => {
    const config = {
      baseUrl: slow.url,
      apiKey: TEST_API_KEY,
      requests: 1_200,
      cancelOnUnsubscribe: true,
      intervalMs: 100,
      // polls every 100 ms: the test is about what a stop does to them, not their pace
      steady: true,
    }
    // A second run on the same page keeps polling: the clock against which the stopped one is
    // seen to poll no more.
    await start(page, 'control', { ...config, cancelOnUnsubscribe: false })
    await start(page, 'stopped', config)
    expect(await statusWhen(page, 'control', '^(RUNNING|completed|failed)', 30_000)).toBe('RUNNING')
    expect(await statusWhen(page, 'stopped', '^(RUNNING|completed|failed)', 30_000)).toBe('RUNNING')
    const [jobId] = await jobsOf(page, 'stopped')
    const [controlId] = await jobsOf(page, 'control')
    const jobPoll = `GET /v1/batch/jobs/${jobId}`

    // Its polls from now on are slow, a byte of body every 100 ms (a minute for the job's
    // JSON): the next one is the request in flight, its body being read, when the run stops.
    slow.faults.set({
      rules: [{ route: jobPoll, kind: 'slow-body', chunkBytes: 1, delayMs: 100 }],
    })
    const inFlight = await slowTraffic.next(jobPoll)
    const polls = (line: string) => slowTraffic.requests.filter((r) => r.line === line).length
    const pollsAtStop = polls(jobPoll)
    const progressAtStop = await shown(page, 'stopped', 'progress')
    const cancelArrives = slowTraffic.next(`POST /v1/batch/jobs/${jobId}/cancel`)
    await stop(page, 'stopped')

    await expect(slowTraffic.ended(inFlight)).resolves.toEqual({ finished: false })
    const cancel = await cancelArrives
    await expect(slowTraffic.ended(cancel)).resolves.toEqual({ finished: true })
    await expect(within(endStatus(slow, jobId ?? ''), 10_000, 'CANCELLED')).resolves.toBe(
      'CANCELLED',
    )

    // Three more polls of the control job: the stopped run sent nothing since the stop.
    const controlPoll = `GET /v1/batch/jobs/${controlId}`
    await slowTraffic.arrived(controlPoll, polls(controlPoll) + 3)
    expect(polls(jobPoll)).toBe(pollsAtStop)
    // The emulator's log says the same: the cancel answered, no poll of the job after it.
    const cancelled = slow.requests.find((r) => r.path === `/v1/batch/jobs/${jobId}/cancel`)
    expect(cancelled).toMatchObject({ method: 'POST', status: 200 })
    const later = slow.requests.filter(
      (r) => r.path === `/v1/batch/jobs/${jobId}` && r.time > (cancelled?.time ?? 0),
    )
    expect(later).toEqual([])
    expect(await shown(page, 'stopped', 'status')).toBe('stopped')
    expect(await shown(page, 'stopped', 'progress')).toBe(progressAtStop)
  })
})
