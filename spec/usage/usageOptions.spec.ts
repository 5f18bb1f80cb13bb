// The price options: tables and functions, the batch discount, and the errors naming the field.
import * as E from 'fp-ts/Either'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError'
import { resolvePricing, type UsageOptions } from '../../src/usage/usageOptions'

const errorOf = (options: UsageOptions): InvalidRequestError => {
  const resolved = resolvePricing(options, 'runBatch$')
  if (E.isRight(resolved)) throw new Error('expected a Left')
  return resolved.left
}

const priced = (options: UsageOptions) => {
  const resolved = resolvePricing(options, 'runBatch$')
  if (E.isLeft(resolved) || resolved.right === undefined) throw new Error('expected a pricing')
  return resolved.right
}

describe('resolvePricing', () => {
  it('has no pricing without a price, whatever the discount', () => {
    expect(resolvePricing({}, 'runBatch$')).toEqual(E.right(undefined))
    expect(resolvePricing({ batchDiscount: 0.2 }, 'runBatch$')).toEqual(E.right(undefined))
  })

  it('looks a model up in a table, by own keys only, with the discount of 0.5 by default', () => {
    const small = { inputPerMTok: 0.1, outputPerMTok: 0.3 }
    const pricing = priced({ price: { small } })
    expect(pricing.priceOf('small')).toBe(small)
    expect(pricing.priceOf('large')).toBeUndefined()
    expect(pricing.priceOf('toString')).toBeUndefined()
    expect(pricing.batchDiscount).toBe(0.5)
    expect(priced({ price: { small }, batchDiscount: 0 }).batchDiscount).toBe(0)
  })

  it('asks a function, leaving unpriced a model whose answer is not a price', () => {
    const pricing = priced({
      price: (model) =>
        model === 'small'
          ? { inputPerMTok: 1, outputPerMTok: 2 }
          : ({ inputPerMTok: -1, outputPerMTok: 2 } as never),
    })
    expect(pricing.priceOf('small')).toEqual({ inputPerMTok: 1, outputPerMTok: 2 })
    expect(pricing.priceOf('odd')).toBeUndefined()
  })

  it('names the field of a price that is not a number >= 0', () => {
    const missing = errorOf({ price: { small: { inputPerMTok: 1 } as never } })
    expect(missing).toBeInstanceOf(InvalidRequestError)
    expect(missing.field).toBe('price.small.outputPerMTok')
    expect(missing.message).toBe(
      'runBatch$: price.small.outputPerMTok must be a number >= 0, got undefined',
    )
    const pages = errorOf({
      price: { ocr: { inputPerMTok: 0, outputPerMTok: 0, perThousandPages: Number.NaN } },
    })
    expect(pages.field).toBe('price.ocr.perThousandPages')
    expect(errorOf({ price: { small: 3 as never } }).message).toBe(
      'runBatch$: price.small must be an object with inputPerMTok and outputPerMTok, got a number',
    )
    expect(errorOf({ price: 'cheap' as never }).field).toBe('price')
  })

  it('refuses a discount outside 0..1', () => {
    for (const batchDiscount of [-0.1, 1.5, Number.NaN, '0.5' as never]) {
      const error = errorOf({ price: {}, batchDiscount })
      expect(error.field).toBe('batchDiscount')
      expect(error.message).toMatch(/^runBatch\$: batchDiscount must be a number from 0 to 1/)
    }
  })
})
