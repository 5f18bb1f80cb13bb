// Connection options shared by every API command, and the client they build.
import type { Command } from 'commander'
import { createClient, type MistralBatchClient } from '../index.js'
import { CliError } from './CliError.js'
import type { CliIo } from './CliIo.js'
import { EXIT_CODES } from './exitCodes.js'

/** The connection flags as commander parses them. */
export interface ConnectionFlags {
  /** `--api-key`. */
  readonly apiKey?: string
  /** `--base-url`. */
  readonly baseUrl?: string
}

/** A client and the key it uses (kept only to cut it out of error messages). */
export interface CliConnection {
  /** The client bound to the chosen server and key. */
  readonly client: MistralBatchClient
  /** The API key in use. */
  readonly apiKey: string
  /** The base URL in use. */
  readonly baseUrl: string | undefined
}

// The emulator accepts any key unless started with --api-key, so a local URL needs none.
const LOCAL_PLACEHOLDER_KEY = 'local-emulator'

const MISSING_KEY_HINT =
  'no API key: set MISTRAL_API_KEY (or pass --api-key), or use --base-url with the emulator ' +
  '(mistral-batch emulator)'

const isLocalUrl = (baseUrl: string): boolean => {
  try {
    const { hostname } = new URL(baseUrl)
    return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname)
  } catch {
    return false
  }
}

/** Adds `--api-key`, `--base-url` and `--verbose` to a command. */
export const withConnectionOptions = (command: Command): Command =>
  command
    .option('--api-key <key>', 'Mistral API key (default: $MISTRAL_API_KEY)')
    .option(
      '--base-url <url>',
      'API base URL (default: $MISTRAL_BASE_URL or https://api.mistral.ai)',
    )
    .option('--verbose', 'print stack traces of errors')

/** Empty strings count as unset, like a blank `MISTRAL_API_KEY=`. */
const given = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value

/**
 * The client for these flags: the flag wins over the environment variable. Without any key a
 * local base URL (the emulator) gets a placeholder key; anything else is a `CliError` with the
 * hint to set one (exit code 3).
 */
export const connect = (flags: ConnectionFlags, io: CliIo): CliConnection => {
  const baseUrl = given(flags.baseUrl) ?? given(io.env.MISTRAL_BASE_URL)
  const configuredKey = given(flags.apiKey) ?? given(io.env.MISTRAL_API_KEY)
  const apiKey =
    configuredKey ??
    (baseUrl !== undefined && isLocalUrl(baseUrl) ? LOCAL_PLACEHOLDER_KEY : undefined)
  if (apiKey === undefined) throw new CliError(MISSING_KEY_HINT, EXIT_CODES.auth)
  const client = createClient(baseUrl === undefined ? { apiKey } : { apiKey, baseUrl })
  return { client, apiKey, baseUrl }
}
