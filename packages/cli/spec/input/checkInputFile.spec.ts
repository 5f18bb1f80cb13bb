// The check of an input JSONL file before anything is sent.
import { checkInputFile, inputRequests, RequestLines } from '../../src/input/checkInputFile'
import { scratchDir, writeFile } from '../support/cliFixture'

describe('checkInputFile', () => {
  const scratch = scratchDir()
  afterAll(() => scratch.remove())

  const request = (id: string) => JSON.stringify({ custom_id: id, body: { messages: [] } })

  it('counts the requests of a valid file (BOM, CRLF and blank lines accepted)', async () => {
    const path = writeFile(scratch.dir, 'ok.jsonl', `\uFEFF${request('a')}\r\n\r\n${request('b')}`)
    const checked = await checkInputFile(path)
    expect(checked.requests).toBe(2)
    expect([checked.lines.lineOf(0), checked.lines.lineOf(1)]).toEqual([1, 3])
    const read = []
    for await (const item of inputRequests(path)) read.push(item)
    expect(read).toEqual([
      { custom_id: 'a', body: { messages: [] } },
      { custom_id: 'b', body: { messages: [] } },
    ])
  })

  it('names each invalid line by number, up to five, and counts the rest', async () => {
    const lines = [
      '{',
      '[]',
      '{"body": 1}',
      '{"custom_id": 2, "body": {}}',
      request('x'),
      request('x'),
      '7',
    ]
    const path = writeFile(scratch.dir, 'bad.jsonl', lines.join('\n'))
    await expect(checkInputFile(path)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(
        /bad\.jsonl: 6 invalid lines, nothing was sent: line 1: not valid JSON \(.*\); line 2: expected an object like .*; line 3: "body" must be an object; line 4: "custom_id" must be a string; line 6: custom_id "x" repeats line 5; and 1 more$/,
      ),
    })
  })

  it('refuses an empty file, a missing file and a folder (exit 2)', async () => {
    const empty = writeFile(scratch.dir, 'empty.jsonl', '\n\n')
    await expect(checkInputFile(empty)).rejects.toMatchObject({
      exitCode: 2,
      message: `${empty}: no requests in the file`,
    })
    await expect(checkInputFile(`${scratch.dir}/none.jsonl`)).rejects.toMatchObject({
      exitCode: 2,
      message: `cannot read ${scratch.dir}/none.jsonl: no such file`,
    })
    await expect(checkInputFile(scratch.dir)).rejects.toMatchObject({
      exitCode: 2,
      message: `cannot read ${scratch.dir}: not a file`,
    })
  })
})

describe('RequestLines', () => {
  /** Requests on lines 1, 2, 5 and 6 (3 and 4 blank). */
  const withBlankLines = (): RequestLines => {
    const lines = new RequestLines()
    ;[1, 2, 5, 6].forEach((line, index) => lines.add(index, line))
    return lines
  }

  it('gives each request its line, past blank lines', () => {
    const lines = withBlankLines()
    expect([0, 1, 2, 3].map((i) => lines.lineOf(i))).toEqual([1, 2, 5, 6])
  })

  it('says requests[i] of a message as the line of the file', () => {
    const lines = withBlankLines()
    expect(lines.inLines('requests[2] takes 9 bytes')).toBe('line 5 takes 9 bytes')
    expect(lines.inLines('requests[3].custom_id "x" repeats requests[0].custom_id.')).toBe(
      'the custom_id of line 6 "x" repeats the custom_id of line 1.',
    )
    expect(lines.inLines('requests[2].body.messages[0] cannot be encoded')).toBe(
      'the body.messages[0] of line 5 cannot be encoded',
    )
  })
})
