// Shared setup of the CLI specs: an emulator, a scratch folder, jobs made directly over HTTP.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@mistral-batch-rx/emulator'
import { call, chatJsonl, type Job } from '../../../emulator/spec/support/emulatorClient'

export { chatJsonl, waitForJob, type Job } from '../../../emulator/spec/support/emulatorClient'

/** An emulator fast enough for the specs, unless `options` say otherwise. */
export const startTestEmulator = (options: EmulatorOptions = {}): Promise<RunningEmulator> =>
  startEmulator({ port: 0, rate: 2000, queueDelayMs: 20, ...options })

/** A scratch folder and a way to remove it. */
export const scratchDir = (): { dir: string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'mistral-batch-cli-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Writes `text` to `dir/name` and returns the path. */
export const writeFile = (dir: string, name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** The lines of a JSONL file, parsed. */
export const readJsonl = (path: string): Array<Record<string, unknown>> =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

/** Creates an inline chat job of `count` requests straight through the API. */
export const createInlineJob = async (baseUrl: string, count: number): Promise<Job> => {
  const requests = chatJsonl(count)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown)
  const { status, body } = await call(baseUrl, 'POST', '/v1/batch/jobs', {
    endpoint: '/v1/chat/completions',
    model: 'mistral-small-latest',
    requests,
  })
  if (status !== 200) throw new Error(`create failed with ${status}: ${JSON.stringify(body)}`)
  return body as Job
}

/** The environment that points the CLI at `emulator`. */
export const emulatorEnv = (emulator: RunningEmulator): Record<string, string> => ({
  MISTRAL_BASE_URL: emulator.url,
})
