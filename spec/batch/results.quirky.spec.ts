// results$ against a node:http server serving hand-made quirky files: CRLF, BOM, a character
// split across chunks, bad lines in the middle, a cut-off last line, and broken transfers.
import * as E from 'fp-ts/Either'
import { lastValueFrom, toArray } from 'rxjs'
import { results$ } from '../../src/batch/results.js'
import type { ResultLineEither } from '../../src/batch/resultLine.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { testContext } from '../support/httpContext.js'
import { succeededJob } from '../support/batchJobBody.js'
import { resetAfter, startServer, type Reply, type TestServer } from '../support/httpServer.js'

const OUTPUT_FILE = '00000000-0000-4000-8000-00000000000a'
const ERROR_FILE = '00000000-0000-4000-8000-00000000000b'

const job = (files: Partial<BatchJob> = {}): BatchJob =>
  succeededJob(OUTPUT_FILE, { error_file: null, ...files })

const ok = (customId: string): string =>
  JSON.stringify({
    id: `batch-${customId}`,
    custom_id: customId,
    response: { status_code: 200, body: { text: customId } },
    error: null,
  })

/** Sends `chunks` (bytes or text) one write at a time, a few ms apart, then ends the body. */
const chunked =
  (...chunks: Array<string | Uint8Array>): Reply =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    const next = (i: number): void => {
      if (i === chunks.length) {
        res.end()
        return
      }
      res.write(chunks[i])
      setTimeout(() => next(i + 1), 5)
    }
    next(0)
  }

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A summary of a line easy to compare: [kind, lineNumber, custom_id or reason]. */
const summary = (line: ResultLineEither<unknown>): [string, number, string | null] =>
  E.isRight(line)
    ? [line.right.source, line.right.lineNumber, line.right.custom_id]
    : ['left', line.left.lineNumber, line.left.reason]

describe('results$ on quirky files', () => {
  let server: TestServer
  let ctx: HttpContext
  beforeEach(async () => {
    server = await startServer()
    ctx = testContext(server.url)
  })
  afterEach(() => server.close())

  const run = (j: BatchJob = job()) => lastValueFrom(results$(ctx, j).pipe(toArray()))

  it('reads CRLF lines after a BOM, a character split across chunks, and blank lines', async () => {
    const accented = bytes(`${ok('café')}\r\n`)
    const split = accented.indexOf(0xc3) + 1 // inside the two bytes of é
    server.reply(
      chunked(
        `\uFEFF${ok('1')}\r\n`,
        accented.subarray(0, split),
        accented.subarray(split),
        '\r\n  \n',
        `${ok('5')}\r`,
        '\n',
      ),
    )
    const lines = await run()
    expect(lines.map(summary)).toEqual([
      ['output', 1, '1'],
      ['output', 2, 'café'],
      ['output', 5, '5'],
    ])
    expect(server.requests.map((r) => r.url)).toEqual([`/v1/files/${OUTPUT_FILE}/content`])
  })

  it('makes bad lines Lefts with their line number and an excerpt, and goes on', async () => {
    const long = `{"custom_id": "x", "note": "${'y'.repeat(500)}`
    server.reply(
      chunked(
        `${ok('1')}\nnot json at all\n`,
        `{"foo": 1}\n${ok('4')}\n${long}\n`,
        `${ok('6')}\n{"custom_id":"7","response":{"status_`,
      ),
    )
    const lines = await run()
    expect(lines.map(summary)).toEqual([
      ['output', 1, '1'],
      ['left', 2, 'invalid-json'],
      ['left', 3, 'decode'],
      ['output', 4, '4'],
      ['left', 5, 'invalid-json'],
      ['output', 6, '6'],
      ['left', 7, 'truncated'],
    ])
    const errors = lines.filter(E.isLeft).map((line) => line.left)
    expect(errors[0]).toMatchObject({
      source: 'output',
      fileId: OUTPUT_FILE,
      excerpt: 'not json at all',
    })
    expect(errors[0]?.message).toMatch(
      new RegExp(`^Line 2 of the output file ${OUTPUT_FILE}: not JSON`),
    )
    expect(errors[1]?.message).toContain('did not match BatchResult: custom_id: expected')
    expect(errors[1]?.paths).toEqual([expect.stringMatching(/^custom_id: expected/)])
    expect(errors[2]?.excerpt).toBe(`${long.slice(0, 200)}…`)
    expect(errors[3]?.excerpt).toBe('{"custom_id":"7","response":{"status_')
    expect(JSON.parse(JSON.stringify(errors[3]))).toMatchObject({
      _tag: 'ResultLineError',
      reason: 'truncated',
      lineNumber: 7,
    })
  })

  it('reads a last line that is whole but has no newline, from the error file too', async () => {
    server.reply(chunked(`${ok('1')}\n${ok('2')}`), chunked(ok('e1')))
    const lines = await run(job({ error_file: ERROR_FILE }))
    expect(lines.map(summary)).toEqual([
      ['output', 1, '1'],
      ['output', 2, '2'],
      ['error', 1, 'e1'],
    ])
    expect(server.requests.map((r) => r.url)).toEqual([
      `/v1/files/${OUTPUT_FILE}/content`,
      `/v1/files/${ERROR_FILE}/content`,
    ])
  })

  it('resumes a reset transfer without the cut line, then skips what it has emitted', async () => {
    const whole = `${ok('1')}\n${ok('2')}\n${ok('3')}\n`
    const cutAt = whole.indexOf(ok('3')) + 10
    server.reply(resetAfter(whole.slice(0, cutAt)), chunked(whole))
    const lines = await run()
    expect(lines.map(summary)).toEqual([
      ['output', 1, '1'],
      ['output', 2, '2'],
      ['output', 3, '3'],
    ])
    expect(server.requests).toHaveLength(2)
  })

  it('resumes after a 503 before the body and after a reset inside a line', async () => {
    const whole = `${ok('1')}\n${ok('2')}\n`
    server.reply(
      resetAfter(whole.slice(0, 5)),
      (_req, res) => {
        res.writeHead(503, { 'content-type': 'application/json' })
        res.end('{"object":"error","message":"busy"}')
      },
      chunked(whole),
    )
    const lines = await run()
    expect(lines.map(summary)).toEqual([
      ['output', 1, '1'],
      ['output', 2, '2'],
    ])
    expect(server.requests).toHaveLength(3)
  })

  it('ends with a 404 at once: a missing file is not resumed', async () => {
    server.reply((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"object":"error","message":"No file","type":"not_found","param":null,"code":"404"}')
    })
    await expect(run()).rejects.toMatchObject({ _tag: 'HttpError', status: 404 })
    expect(server.requests).toHaveLength(1)
  })
})

describe('results$ and maxResultLineLength', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  it('makes a line past the cap a too-long Left naming it, and goes on with the next', async () => {
    const long = `{"custom_id":"big","pad":"${'x'.repeat(20_000)}"}`
    server.reply(chunked(`${ok('a')}\n`, long.slice(0, 9_000), long.slice(9_000), `\n${ok('b')}\n`))
    const capped = testContext(server.url, { maxResultLineLength: 4_096 })
    const lines = await lastValueFrom(results$(capped, job()).pipe(toArray()))
    expect(lines.map(summary)).toEqual([
      ['output', 1, 'a'],
      ['left', 2, 'too-long'],
      ['output', 3, 'b'],
    ])
    const left = lines[1] as E.Left<{ message: string; excerpt: string }>
    expect(left.left.message).toBe(
      `Line 2 of the output file ${OUTPUT_FILE}: longer than maxResultLineLength (4096); ` +
        'skipped without reading it whole, the stream goes on with the next line',
    )
    expect(left.left.excerpt).toBe(`${long.slice(0, 200)}…`)
  })

  it('ends with one Left for a file that never has a newline', async () => {
    const chunk = 'y'.repeat(64 * 1024)
    server.reply(chunked(...Array.from({ length: 32 }, () => chunk)))
    const capped = testContext(server.url, { maxResultLineLength: 100_000 })
    const lines = await lastValueFrom(results$(capped, job()).pipe(toArray()))
    expect(lines.map(summary)).toEqual([['left', 1, 'too-long']])
  })
})
