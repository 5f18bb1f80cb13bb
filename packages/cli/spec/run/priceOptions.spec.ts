// The price flags: `--price model=in/out` parsed, `--prices file.json` read, the two merged.
import { InvalidArgumentError } from 'commander'
import { CliError } from '../../src/exitCodes'
import { modelPrice, pricesOf } from '../../src/run/priceOptions'
import { scratchDir, writeFile } from '../support/cliFixture'

describe('modelPrice', () => {
  it('builds a table of prices per million input and output tokens, a later one winning', () => {
    const table = modelPrice('small=0.2/0.6', modelPrice('ft:model:x=1/2'))
    expect(table).toEqual({
      'ft:model:x': { inputPerMTok: 1, outputPerMTok: 2 },
      small: { inputPerMTok: 0.2, outputPerMTok: 0.6 },
    })
    expect(modelPrice('small=3/4', table).small).toEqual({ inputPerMTok: 3, outputPerMTok: 4 })
  })

  it('refuses what is not model=in/out with two numbers >= 0', () => {
    for (const bad of ['small', '=1/2', 'small=1', 'small=1/2/3']) {
      expect(() => modelPrice(bad)).toThrow(
        `expected model=input/output (per million tokens), got "${bad}".`,
      )
    }
    for (const bad of ['small=-1/2', 'small=1/x', 'small=/2', 'small=1e3/2']) {
      expect(() => modelPrice(bad)).toThrow(InvalidArgumentError)
    }
  })
})

describe('pricesOf', () => {
  let scratch: ReturnType<typeof scratchDir>
  beforeAll(() => (scratch = scratchDir()))
  afterAll(() => scratch.remove())

  it('has no prices without the flags, and reads the file relative to the working directory', async () => {
    await expect(pricesOf(scratch.dir, {})).resolves.toBeUndefined()
    writeFile(
      scratch.dir,
      'prices.json',
      JSON.stringify({
        small: { inputPerMTok: 0.1, outputPerMTok: 0.3 },
        large: { inputPerMTok: 2, outputPerMTok: 6 },
      }),
    )
    const prices = await pricesOf(scratch.dir, {
      prices: 'prices.json',
      price: { small: { inputPerMTok: 0.2, outputPerMTok: 0.6 } },
    })
    expect(prices).toEqual({
      small: { inputPerMTok: 0.2, outputPerMTok: 0.6 },
      large: { inputPerMTok: 2, outputPerMTok: 6 },
    })
  })

  it('makes a file that is not a JSON object a usage error naming it', async () => {
    writeFile(scratch.dir, 'broken.json', '{"small": ')
    writeFile(scratch.dir, 'list.json', '[1, 2]')
    const broken = await pricesOf(scratch.dir, { prices: 'broken.json' }).catch((e: unknown) => e)
    expect(broken).toBeInstanceOf(CliError)
    expect((broken as CliError).message).toMatch(/^broken\.json: not JSON \(/)
    await expect(pricesOf(scratch.dir, { prices: 'list.json' })).rejects.toThrow(
      'list.json: expected an object of prices by model',
    )
    await expect(pricesOf(scratch.dir, { prices: 'none.json' })).rejects.toMatchObject({
      code: 'ENOENT',
    })
  })
})
