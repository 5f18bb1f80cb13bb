// The hand-written BatchResult check: property tests that it accepts exactly what the codec does.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { hasBatchResultShape } from '../../src/batch/resultShape.js'
import { BatchResult } from '../../src/codecs/BatchResult.js'

/** Values that sit on every boundary of the codec: right and wrong types for each field. */
const fieldValue = fc.oneof(
  fc.string(),
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.jsonValue(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 }),
)

const response = fc.oneof(
  fieldValue,
  fc.record(
    { status_code: fieldValue, body: fc.oneof(fieldValue, fc.jsonValue()) },
    { requiredKeys: [] },
  ),
)

const resultLike = fc.record(
  { id: fieldValue, custom_id: fieldValue, response, error: fieldValue, extra: fc.jsonValue() },
  { requiredKeys: [] },
)

const anyValue = fc.oneof(resultLike, fc.jsonValue(), fieldValue)

describe('hasBatchResultShape', () => {
  it('agrees with BatchResult.decode on every value', () => {
    fc.assert(
      fc.property(anyValue, (u) => {
        expect(hasBatchResultShape(u)).toBe(E.isRight(BatchResult.decode(u)))
      }),
      { numRuns: 5000 },
    )
  })

  it('agrees on values that went through JSON, as result lines do', () => {
    fc.assert(
      fc.property(resultLike, (u) => {
        const parsed: unknown = JSON.parse(JSON.stringify(u))
        expect(hasBatchResultShape(parsed)).toBe(E.isRight(BatchResult.decode(parsed)))
      }),
      { numRuns: 2000 },
    )
  })

  it('accepts the value the codec would give back, field for field', () => {
    fc.assert(
      fc.property(resultLike, (u) => {
        const decoded = BatchResult.decode(u)
        if (E.isRight(decoded)) expect(u).toEqual(decoded.right)
      }),
    )
  })

  it('accepts a real output line and refuses arrays, nulls and missing custom_id', () => {
    const line = {
      id: 'batch-1',
      custom_id: '0',
      response: { status_code: 200, body: {} },
      error: null,
    }
    expect(hasBatchResultShape(line)).toBe(true)
    expect(hasBatchResultShape({ ...line, custom_id: null })).toBe(true)
    expect(hasBatchResultShape([line])).toBe(false)
    expect(hasBatchResultShape(null)).toBe(false)
    expect(hasBatchResultShape({ id: 'batch-1' })).toBe(false)
    expect(hasBatchResultShape({ ...line, response: { status_code: '200' } })).toBe(false)
  })
})
