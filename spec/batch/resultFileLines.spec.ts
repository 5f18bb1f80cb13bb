// resumableLines$ in virtual time: lines once each across broken transfers, backoff, limits.
import { Observable } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { resumableLines$, type ResumeOptions } from '../../src/batch/resultFileLines.js'
import { DEFAULT_RETRY } from '../../src/config.js'
import { HttpError } from '../../src/errors/HttpError.js'
import { NetworkError } from '../../src/errors/NetworkError.js'

const reset = new NetworkError('GET /file broke off while reading the body: other side closed', {
  method: 'GET',
  url: 'http://127.0.0.1/v1/files/f/content',
  cause: { name: 'Error', message: 'other side closed', code: 'UND_ERR_SOCKET' },
})
const notFound = new HttpError({ status: 404, method: 'GET', url: 'http://127.0.0.1/v1/files/f' })

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const read = (line: string, lineNumber: number, complete: boolean): string =>
  `${lineNumber}:${line}${complete ? '' : ':cut'}`

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected))

/** Resume options with a fixed backoff: 10 ms, then 20, 40 ... */
const resumeOptions = (
  scheduler: TestScheduler,
  maxResumes = 3,
  maxLineLength = 1_000,
): ResumeOptions<string> => ({
  maxLineLength,
  tooLong: (lineNumber, start) => `${lineNumber}:too long:${start}`,
  maxResumes,
  config: { retry: { ...DEFAULT_RETRY, initialDelayMs: 10, jitter: 'none' }, scheduler },
})

/** An `open` that hands out the given transfers in turn, counting the calls. */
const transfers = (...sources: Array<Observable<Uint8Array>>) => {
  let calls = 0
  return {
    open: (): Observable<Uint8Array> => sources[Math.min(calls++, sources.length - 1)]!,
    calls: () => calls,
  }
}

/** Runs `lines` in virtual time and returns what it did, each event with its frame. */
const timeline = (scheduler: TestScheduler, lines: Observable<string>): string[] => {
  const events: string[] = []
  lines.subscribe({
    next: (line) => events.push(`${scheduler.now()} ${line}`),
    error: (error: unknown) => events.push(`${scheduler.now()} error ${String(error)}`),
    complete: () => events.push(`${scheduler.now()} complete`),
  })
  scheduler.flush()
  return events
}

describe('resumableLines$', () => {
  it('opens nothing before it is subscribed', () => {
    const source = transfers(new Observable<Uint8Array>())
    resumableLines$(source.open, read, resumeOptions(newScheduler()))
    expect(source.calls()).toBe(0)
  })

  it('emits each line when its newline arrives, and a last line without one at the end', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold }) => {
      const body = cold('a-b-c|', { a: bytes('one\ntw'), b: bytes('o\n\nfo'), c: bytes('ur') })
      const lines = resumableLines$(() => body, read, resumeOptions(scheduler))
      expect(timeline(scheduler, lines)).toEqual([
        '0 1:one',
        '2 2:two',
        '5 4:four:cut',
        '5 complete',
      ])
    })
  })

  it('resumes after the backoff, drops the cut line and skips the lines already emitted', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold, expectSubscriptions }) => {
      const broken = cold('a-b#', { a: bytes('one\ntwo\nthr'), b: bytes('ee-and-') }, reset)
      const whole = cold('a|', { a: bytes('one\ntwo\nthree\nfour\n') })
      const source = transfers(broken, whole)
      const lines = resumableLines$(source.open, read, resumeOptions(scheduler))
      // broken at 3 ms, resumed 10 ms later
      expect(timeline(scheduler, lines)).toEqual([
        '0 1:one',
        '0 2:two',
        '13 3:three',
        '13 4:four',
        '14 complete',
      ])
      expectSubscriptions(broken.subscriptions).toBe('^--!')
      expectSubscriptions(whole.subscriptions).toBe('13ms ^!')
    })
  })

  it('waits the Retry-After of a 503 before resuming', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold }) => {
      const busy = new HttpError({
        status: 503,
        method: 'GET',
        url: 'http://127.0.0.1/v1/files/f/content',
        retryAfterMs: 50,
      })
      const source = transfers(cold('#', {}, busy), cold('a|', { a: bytes('one\n') }))
      const lines = resumableLines$(source.open, read, resumeOptions(scheduler))
      expect(timeline(scheduler, lines)).toEqual(['50 1:one', '51 complete'])
    })
  })

  it('gives up after maxResumes failures in a row without a new line, with the last error', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold }) => {
      const source = transfers(cold('a#', { a: bytes('one\ntw') }, reset))
      const lines = resumableLines$(source.open, read, resumeOptions(scheduler, 2))
      // broken at 1; resumed at 11 (first backoff 10), broken at 12; resumed at 32 (20), broken at 33
      expect(timeline(scheduler, lines)).toEqual(['0 1:one', `33 error ${String(reset)}`])
      expect(source.calls()).toBe(3)
    })
  })

  it('counts only failures in a row: a resume that brings new lines resets the count', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold }) => {
      const source = transfers(
        cold('a#', { a: bytes('1\n2') }, reset),
        cold('a#', { a: bytes('1\n2\n3') }, reset),
        cold('a#', { a: bytes('1\n2\n3\n4') }, reset),
        cold('a|', { a: bytes('1\n2\n3\n4\n5\n') }),
      )
      const lines = resumableLines$(source.open, read, resumeOptions(scheduler, 1))
      expect(timeline(scheduler, lines)).toEqual([
        '0 1:1',
        '11 2:2',
        '22 3:3',
        '33 4:4',
        '33 5:5',
        '34 complete',
      ])
    })
  })

  it('ends at once with an error that is not retryable', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold }) => {
      const source = transfers(cold('a#', { a: bytes('one\n') }, notFound))
      const lines = resumableLines$(source.open, read, resumeOptions(scheduler))
      expect(timeline(scheduler, lines)).toEqual(['0 1:one', `1 error ${String(notFound)}`])
      expect(source.calls()).toBe(1)
    })
  })

  it('unsubscribing stops the transfer and a pending resume', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const broken = cold('a#', { a: bytes('one\n') }, reset)
      const source = transfers(broken)
      const lines = resumableLines$(source.open, read, resumeOptions(scheduler))
      expectObservable(lines, '^---!').toBe('a', { a: '1:one' })
      expectSubscriptions(broken.subscriptions).toBe('^!')
      flush()
      // the resume due at 11 ms never came
      expect(source.calls()).toBe(1)
    })
  })

  it('drops a line longer than the cap as soon as it passes it, tells its start, and goes on', () => {
    const scheduler = newScheduler()
    const x = 'x'.repeat(300)
    scheduler.run(({ cold }) => {
      const body = cold('a-b-c|', {
        a: bytes(`one\n${x}`),
        b: bytes(x),
        c: bytes(`${x}\nfour\n`),
      })
      const lines = resumableLines$(() => body, read, resumeOptions(scheduler, 3, 500))
      expect(timeline(scheduler, lines)).toEqual([
        '0 1:one',
        `2 2:too long:${'x'.repeat(200)}`,
        '4 3:four',
        '5 complete',
      ])
    })
  })
})
