// The create fields of a job as options, for every command that makes jobs: `--endpoint`,
// `--model`, `--metadata`, `--timeout-hours`.
import type { Command } from 'commander'
import type { BatchJobFields } from 'mistral-batch-rx'
import { integerFrom, keyValuePair } from '../argParsers.js'

/** The job fields as commander parses them. */
export interface JobFieldFlags {
  readonly endpoint: string
  readonly model?: string
  readonly metadata?: Record<string, string>
  readonly timeoutHours?: number
}

/** The most hours a job may run, as the API allows. */
const MAX_TIMEOUT_HOURS = 168

/** Adds `--endpoint` (required), `--model`, `--metadata` and `--timeout-hours` to `command`. */
export const withJobFieldOptions = <C extends Command>(command: C): C => {
  command
    .requiredOption('--endpoint <endpoint>', 'endpoint of every request, e.g. /v1/chat/completions')
    .option('--model <model>', 'model (may be left out when every body names one)')
    .option('--metadata <key=value...>', 'labels stored with the job', keyValuePair)
    .option(
      '--timeout-hours <n>',
      `hours before the job times out (1..${MAX_TIMEOUT_HOURS}, default 24)`,
      integerFrom(1, MAX_TIMEOUT_HOURS),
    )
  return command
}

/** The job's create fields, wire-named, of the flags given. */
export const jobFieldsOf = (flags: JobFieldFlags): BatchJobFields => ({
  endpoint: flags.endpoint,
  ...(flags.model === undefined ? {} : { model: flags.model }),
  ...(flags.metadata === undefined ? {} : { metadata: flags.metadata }),
  ...(flags.timeoutHours === undefined ? {} : { timeout_hours: flags.timeoutHours }),
})
