// Connection options shared by every API command, and the client they build.
import type { Command } from 'commander'
import { isLoopbackHost } from 'mistral-batch-rx'
import { createClient, type MistralBatchClient } from 'mistral-batch-rx'
import type { CliIo } from './CliIo.js'
import { CliError, EXIT_CODES, usageError } from './exitCodes.js'

/** The connection flags as commander parses them. */
export type ConnectionFlags = {
  readonly apiKey?: string
  readonly baseUrl?: string
  readonly allowInsecureHttp?: boolean
}

// The emulator accepts any key unless started with --api-key, so a local URL needs none.
const LOCAL_PLACEHOLDER_KEY = 'local-emulator'

const API_KEY_FLAG = '--api-key'

/** Adds `--api-key`, `--base-url`, `--allow-insecure-http` and `--verbose` to a command. */
export const withConnectionOptions = (command: Command): Command =>
  command
    .option(`${API_KEY_FLAG} <key>`, 'Mistral API key (default: $MISTRAL_API_KEY)')
    .option(
      '--base-url <url>',
      'API base URL (default: $MISTRAL_BASE_URL or https://api.mistral.ai)',
    )
    .option(
      '--allow-insecure-http',
      'allow a plain http: base URL that is not this machine, e.g. an emulator at ' +
        'http://emulator:8080 (default: $MISTRAL_ALLOW_INSECURE_HTTP=1)',
    )
    .option('--verbose', 'print stack traces of errors')

/** Empty strings count as unset, like a blank `MISTRAL_API_KEY=`. */
export const given = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value

/**
 * Every key the arguments and environment name (`--api-key k`, `--api-key=k`,
 * `MISTRAL_API_KEY`), found before commander parses anything, so that no message, even one about
 * a bad argument, can print one.
 */
export const keysNamedIn = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
): string[] => {
  const keys = args.flatMap((arg, i) => {
    const next = args[i + 1]
    if (arg === API_KEY_FLAG) return next === undefined ? [] : [next]
    return arg.startsWith(`${API_KEY_FLAG}=`) ? [arg.slice(API_KEY_FLAG.length + 1)] : []
  })
  const fromEnv = env.MISTRAL_API_KEY
  return fromEnv === undefined ? keys : [...keys, fromEnv]
}

/** `MISTRAL_ALLOW_INSECURE_HTTP`: 1 or 0 (true or false); anything else is a usage error. */
const insecureHttpFromEnv = (raw: string | undefined): boolean => {
  const text = given(raw)?.trim().toLowerCase()
  if (text === undefined || text === '0' || text === 'false') return false
  if (text === '1' || text === 'true') return true
  throw usageError(`MISTRAL_ALLOW_INSECURE_HTTP must be 1 or 0, got ${JSON.stringify(raw)}`)
}

const urlOf = (baseUrl: string): URL | undefined => {
  try {
    return new URL(baseUrl)
  } catch {
    return undefined
  }
}

/**
 * The client for these flags: a flag wins over its environment variable. Plain `http:` to
 * another machine needs `--allow-insecure-http` (or `MISTRAL_ALLOW_INSECURE_HTTP=1`), else it is
 * a usage error (exit 2); so is a setting the client refuses. Without any key, a loopback URL, or
 * a plain-http one so allowed (an emulator), gets a placeholder key; anything else is a
 * `CliError` with the hint to set one (exit 3). `hide` learns the key before it is used.
 */
export const connect = (
  flags: ConnectionFlags,
  io: CliIo,
  hide: (secret: string) => void = () => undefined,
): MistralBatchClient => {
  const baseUrl = given(flags.baseUrl) ?? given(io.env.MISTRAL_BASE_URL)
  const configuredKey = given(flags.apiKey) ?? given(io.env.MISTRAL_API_KEY)
  if (configuredKey !== undefined) hide(configuredKey)
  const allowInsecureHttp =
    flags.allowInsecureHttp === true || insecureHttpFromEnv(io.env.MISTRAL_ALLOW_INSECURE_HTTP)
  const url = baseUrl === undefined ? undefined : urlOf(baseUrl)
  const plainHttp = url?.protocol === 'http:'
  const loopback = url !== undefined && isLoopbackHost(url.hostname)
  if (plainHttp && !loopback && !allowInsecureHttp) {
    throw usageError(
      `the base URL uses plain http: to ${url.hostname}, which would send the API key ` +
        'unencrypted: use https:, or pass --allow-insecure-http (or set ' +
        'MISTRAL_ALLOW_INSECURE_HTTP=1) for a server you trust, such as an emulator',
    )
  }
  const apiKey = configuredKey ?? (plainHttp || loopback ? LOCAL_PLACEHOLDER_KEY : undefined)
  if (apiKey === undefined) {
    throw new CliError(
      'no API key: set MISTRAL_API_KEY (or pass --api-key), or use --base-url with the ' +
        'emulator (mistral-batch emulator)',
      EXIT_CODES.auth,
    )
  }
  return createClient({
    apiKey,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(allowInsecureHttp ? { allowInsecureHttp } : {}),
  })
}
