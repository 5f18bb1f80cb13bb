// Reads the emulator's command-line flags into EmulatorOptions (shared by both bins).
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { parseFaultSpec, type FaultSpec } from './faults/faultSpec.js'
import type { EmulatorOptions } from './options.js'

/** The usage text of `mistral-batch-emulator`. */
export const EMULATOR_USAGE = `Usage: mistral-batch-emulator [options]

A local Mistral Batch + Files API server for offline work and tests.

Options:
  --port <n>            TCP port, 0 for a free one (default 0)
  --host <host>         interface to listen on (default 127.0.0.1)
  --data-dir <dir>      keep files and jobs across restarts (default: a temporary folder)
  --api-key <key>       require "Authorization: Bearer <key>" (default: accept any)
  --rate <n>            requests per second each job processes, or "Infinity" (default 200)
  --queue-delay-ms <n>  how long a new job stays QUEUED (default 250)
  --hour-ms <n>         real ms per hour of timeout_hours (default 3600000)
  --faults <json|path>  fault rules: a JSON string or a JSON file
  --seed <n>            seed of the fault PRNG (default 1)
  --cors [origin]       answer browsers' CORS preflights: from any origin, or from each
                        --cors <origin> given (e.g. http://localhost:4200 for ng serve)
  --help                show this text

Example:
  mistral-batch-emulator --port 8080 --rate 1000 --faults '[{"route":"*","kind":"429","rate":0.1}]'`

const number = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined
  const value = raw === 'Infinity' ? Infinity : Number(raw)
  if (raw.trim() === '' || Number.isNaN(value))
    throw new TypeError(`--${name} must be a number, got "${raw}"`)
  return value
}

/** Why a file could not be read, in words (the raw `ENOENT: ...` says it to nobody). */
const readProblem = (error: unknown): string => {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'it is a folder'
  return error instanceof Error ? error.message : String(error)
}

/**
 * A fault spec from a JSON string, or from the JSON file it names. Throws a TypeError that says
 * which: the file that cannot be read, or the text that is not JSON, or the rule at fault.
 */
const readFaults = (raw: string): FaultSpec => {
  const trimmed = raw.trim()
  const inline = trimmed.startsWith('{') || trimmed.startsWith('[')
  let text = trimmed
  if (!inline) {
    try {
      text = readFileSync(trimmed, 'utf8')
    } catch (error) {
      throw new TypeError(
        `--faults ${JSON.stringify(trimmed)} is neither JSON nor a readable file: ${readProblem(error)}`,
        { cause: error },
      )
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const source = inline ? '--faults' : `--faults file ${JSON.stringify(trimmed)}`
    throw new TypeError(`${source} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    })
  }
  return parseFaultSpec(json)
}

/** Parsed command line: options to start with, or a request for the usage text. */
export type EmulatorArgs = { help: true } | { help: false; options: EmulatorOptions }

/** Parses the flags (throws a TypeError naming the bad flag). */
export const parseEmulatorArgs = (argv: string[]): EmulatorArgs => {
  // `--cors` with no origin after it allows any: parseArgs knows no optional values
  const args = argv.map((arg, i) =>
    arg === '--cors' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--'))
      ? '--cors=*'
      : arg,
  )
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'api-key': { type: 'string' },
      rate: { type: 'string' },
      'queue-delay-ms': { type: 'string' },
      'hour-ms': { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      cors: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  })
  if (values.help === true) return { help: true }
  const options: EmulatorOptions = {
    port: number('port', values.port) ?? 0,
    host: values.host,
    dataDir: values['data-dir'],
    apiKey: values['api-key'],
    rate: number('rate', values.rate),
    queueDelayMs: number('queue-delay-ms', values['queue-delay-ms']),
    hourMs: number('hour-ms', values['hour-ms']),
    faults: values.faults === undefined ? undefined : readFaults(values.faults),
    seed: number('seed', values.seed),
    cors: values.cors === undefined ? undefined : values.cors.includes('*') || values.cors,
  }
  const defined = Object.entries(options).filter(([, value]) => value !== undefined)
  return { help: false, options: Object.fromEntries(defined) as EmulatorOptions }
}
