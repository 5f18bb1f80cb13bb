// `--retry-failed <attempts>` of the commands that run jobs: failed rows sent again in new jobs.
import type { Command } from 'commander'
import type { RetryFailedOptions } from 'mistral-batch-rx'
import { integerFrom } from '../argParsers.js'

/** The most attempts the client allows (`retryFailed.maxAttempts`). */
const MAX_ATTEMPTS = 10

/** The flag as commander parses it. */
export type RetryFailedFlags = { readonly retryFailed?: number }

/** Parses a number of attempts in all, the first included. */
export const attemptsOption = integerFrom(1, MAX_ATTEMPTS)

/** Adds `--retry-failed <attempts>` to `command`. */
export const withRetryFailedOption = <C extends Command>(command: C): C => {
  command.option(
    '--retry-failed <attempts>',
    'send the requests whose result failed with 429 or 5xx, or that got none, again in new ' +
      `jobs, up to <attempts> attempts in all, the first included (2: one retry; 1..${MAX_ATTEMPTS})`,
    attemptsOption,
  )
  return command
}

/** The `retryFailed` option of the flags, when given. */
export const retryFailedOf = (
  flags: RetryFailedFlags,
): { readonly retryFailed?: RetryFailedOptions } =>
  flags.retryFailed === undefined ? {} : { retryFailed: { maxAttempts: flags.retryFailed } }

/** The arguments that give a resume command the same `--retry-failed`. */
export const retryFailedArgs = (flags: RetryFailedFlags): string[] =>
  flags.retryFailed === undefined ? [] : ['--retry-failed', String(flags.retryFailed)]
