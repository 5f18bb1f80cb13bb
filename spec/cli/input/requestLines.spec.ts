// The line of each request of an input file, and the client's messages said in lines.
import { RequestLines } from '../../../src/cli/input/requestLines'

/** Requests on lines 1, 2, 5 and 6 (3 and 4 blank). */
const withBlankLines = (): RequestLines => {
  const lines = new RequestLines()
  ;[1, 2, 5, 6].forEach((line, index) => lines.add(index, line))
  return lines
}

describe('RequestLines', () => {
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
