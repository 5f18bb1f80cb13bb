// Result lines written as the server sent them, to the outputs or errors sink.
import * as E from 'fp-ts/Either'
import type { QueuedResult } from '@mistral-batch-rx/queue'
import {
  closeAfter,
  createResultWriter,
  queuedResultJson,
  resultLineJson,
} from '../../src/output/resultWriter'
import { outputSink } from '../../src/output/lineSinks'
import { ResultLineError, type ResultLine } from '../../../../src'
import { CapturedOutput } from '../support/captureOutput'

const line = (customId: string, failed: boolean): ResultLine =>
  ({
    id: `batch-${customId}`,
    custom_id: customId,
    response: { status_code: failed ? 400 : 200, body: { ok: !failed } },
    error: null,
    source: failed ? 'error' : 'output',
    fileId: 'f',
    lineNumber: 1,
    failed,
  }) as ResultLine

const customIds = (text: string): unknown[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { custom_id: unknown }).custom_id)

const unreadable = (lineNumber: number) =>
  E.left(
    new ResultLineError({
      source: 'inline',
      fileId: null,
      lineNumber,
      reason: 'decode',
      excerpt: '{',
      detail: 'not JSON',
    }),
  )

describe('createResultWriter', () => {
  it('writes the wire line, without the fields results$ added', () => {
    expect(JSON.parse(resultLineJson(line('a', false)))).toEqual({
      id: 'batch-a',
      custom_id: 'a',
      response: { status_code: 200, body: { ok: true } },
      error: null,
    })
  })

  it('sends succeeded lines to outputs and failed lines to errors, and shows each to `seen`', async () => {
    const ok = new CapturedOutput()
    const bad = new CapturedOutput()
    const seen: string[] = []
    const writer = createResultWriter(outputSink(ok, 'ok'), outputSink(bad, 'bad'), (l) =>
      seen.push(l.custom_id ?? ''),
    )
    for (const [id, failed] of [
      ['a', false],
      ['b', true],
      ['c', false],
    ] as const) {
      writer.write(E.right(line(id, failed)), () => undefined)
    }
    await writer.close(true)
    expect({ ok: customIds(ok.text), bad: customIds(bad.text), seen }).toEqual({
      ok: ['a', 'c'],
      bad: ['b'],
      seen: ['a', 'b', 'c'],
    })
  })

  it('warns of the first three unreadable lines and counts them all', () => {
    const warnings: string[] = []
    const writer = createResultWriter(
      outputSink(new CapturedOutput()),
      outputSink(new CapturedOutput()),
    )
    for (let n = 1; n <= 5; n += 1) writer.write(unreadable(n), (w) => warnings.push(w))
    expect({ warnings, unreadable: writer.unreadable }).toEqual({
      warnings: [1, 2, 3].map((n) => `warning: Line ${n} of the job's inline outputs: not JSON`),
      unreadable: 5,
    })
  })
})

describe('queuedResultJson', () => {
  const queued = (result: ResultLine | null): QueuedResult => ({
    id: 'q1',
    attempt: 2,
    result,
    jobStatus: result === null ? 'TIMEOUT_EXCEEDED' : 'SUCCESS',
    deliveries: 1,
    ack: () => Promise.resolve(),
  })

  it('is the id, whether it failed, the attempt, deliveries, job status and the wire line', () => {
    expect(JSON.parse(queuedResultJson(queued(line('q1', false))))).toEqual({
      id: 'q1',
      failed: false,
      attempt: 2,
      deliveries: 1,
      jobStatus: 'SUCCESS',
      result: JSON.parse(resultLineJson(line('q1', false))),
    })
  })

  it('is failed with a null result when no attempt got a line', () => {
    expect(JSON.parse(queuedResultJson(queued(null)))).toMatchObject({ failed: true, result: null })
  })
})

describe('closeAfter', () => {
  const closing = () => {
    const closed: boolean[] = []
    const writer = createResultWriter(
      outputSink(new CapturedOutput()),
      outputSink(new CapturedOutput()),
    )
    return {
      closed,
      writer: { ...writer, close: async (complete: boolean) => void closed.push(complete) },
    }
  }

  it('closes the writer complete when the work says so, and gives its result', async () => {
    const { closed, writer } = closing()
    await expect(
      closeAfter(writer, Promise.resolve('completed'), (r) => r === 'completed'),
    ).resolves.toBe('completed')
    await closeAfter(writer, Promise.resolve('interrupted'), (r) => r === 'completed')
    expect(closed).toEqual([true, false])
  })

  it('closes it incomplete when the work fails, and rethrows', async () => {
    const { closed, writer } = closing()
    await expect(
      closeAfter(writer, Promise.reject(new Error('broken')), () => true),
    ).rejects.toThrow('broken')
    expect(closed).toEqual([false])
  })
})
