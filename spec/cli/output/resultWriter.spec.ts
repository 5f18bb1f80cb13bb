// Result lines written as the server sent them, to the outputs or errors sink.
import { createResultWriter, resultLineJson } from '../../../src/cli/output/resultWriter'
import { outputSink } from '../../../src/cli/output/lineSinks'
import type { ResultLine } from '../../../src'
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

describe('createResultWriter', () => {
  it('writes the wire line, without the fields results$ added', () => {
    expect(JSON.parse(resultLineJson(line('a', false)))).toEqual({
      id: 'batch-a',
      custom_id: 'a',
      response: { status_code: 200, body: { ok: true } },
      error: null,
    })
  })

  it('sends succeeded lines to outputs and failed lines to errors', async () => {
    const ok = new CapturedOutput()
    const bad = new CapturedOutput()
    const writer = createResultWriter(outputSink(ok, 'ok'), outputSink(bad, 'bad'))
    writer.write(line('a', false))
    writer.write(line('b', true))
    writer.write(line('c', false))
    await writer.close(true)
    expect(
      ok.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).custom_id),
    ).toEqual(['a', 'c'])
    expect(
      bad.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).custom_id),
    ).toEqual(['b'])
  })
})
