// The prices of the token summary: `--price model=in/out` (repeatable) and `--prices file.json`.
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { InvalidArgumentError, type Command } from 'commander'
import type { ModelPrice } from 'mistral-batch-rx'
import { usageError } from '../exitCodes.js'

/** The price flags as commander parses them. */
export interface PriceFlags {
  readonly price?: Readonly<Record<string, ModelPrice>>
  readonly prices?: string
}

const AMOUNT = /^\s*\d+(\.\d+)?\s*$/

/** Adds one `model=in/out` price (per million input and output tokens) to those parsed so far. */
export const modelPrice = (
  raw: string,
  previous: Readonly<Record<string, ModelPrice>> = {},
): Record<string, ModelPrice> => {
  const at = raw.lastIndexOf('=')
  const [input, output, ...rest] = raw.slice(at + 1).split('/')
  if (at <= 0 || input === undefined || output === undefined || rest.length > 0) {
    throw new InvalidArgumentError(
      `expected model=input/output (per million tokens), got "${raw}".`,
    )
  }
  if (!AMOUNT.test(input) || !AMOUNT.test(output)) {
    throw new InvalidArgumentError(`the prices of "${raw}" must be numbers >= 0, like 0.1/0.3.`)
  }
  return {
    ...previous,
    [raw.slice(0, at)]: { inputPerMTok: Number(input), outputPerMTok: Number(output) },
  }
}

/** Adds `--price` and `--prices` to `command`. */
export const withPriceOptions = <C extends Command>(command: C): C => {
  command
    .option(
      '--price <model=in/out>',
      'live price of a million input/output tokens of a model, for the estimated cost at the ' +
        'batch rate (half); repeatable',
      modelPrice,
    )
    .option(
      '--prices <file.json>',
      'live prices of models: {"<model>": {"inputPerMTok": 0.1, "outputPerMTok": 0.3}}; ' +
        '--price wins for a model in both',
    )
  return command
}

/** The prices of the flags (the file's, then `--price`), or undefined when none were given. */
export const pricesOf = async (
  cwd: string,
  flags: PriceFlags,
): Promise<Readonly<Record<string, ModelPrice>> | undefined> => {
  if (flags.prices === undefined) return flags.price
  const file = path.resolve(cwd, flags.prices)
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    if (error instanceof SyntaxError)
      throw usageError(`${flags.prices}: not JSON (${error.message})`)
    throw error
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw usageError(`${flags.prices}: expected an object of prices by model`)
  }
  // each price is checked by the client, which names the model and field that are wrong
  return { ...(parsed as Record<string, ModelPrice>), ...flags.price }
}
