// Shows bytes moving: a cli-progress bar on a terminal, nothing but the final report elsewhere.
import { Presets, SingleBar } from 'cli-progress'
import type { CliOutput } from '../CliIo.js'
import { formatBytes } from './formatUnits.js'

/** Byte progress of one transfer. */
export interface ByteProgressView {
  add(bytes: number): void
  /** Releases the terminal. */
  stop(): void
}

const SILENT: ByteProgressView = { add: () => undefined, stop: () => undefined }

/** A byte bar on `out` when it is a terminal (with `totalBytes` when known), else silence. */
export const createByteProgressView = (
  out: CliOutput,
  totalBytes: number | null | undefined,
  now: () => number = Date.now,
): ByteProgressView => {
  if (out.isTTY !== true) return SILENT
  const startedAt = now()
  const known = typeof totalBytes === 'number' && totalBytes > 0
  const bar = new SingleBar(
    {
      stream: out as NodeJS.WritableStream,
      format: known ? '{bar} {percentage}% | {done} of {size} | {speed}' : '{bar} {done} | {speed}',
      hideCursor: true,
      barsize: 24,
      fps: 8,
    },
    Presets.shades_classic,
  )
  let done = 0
  const payload = () => ({
    done: formatBytes(done),
    size: formatBytes(totalBytes),
    speed: `${formatBytes(Math.round(done / Math.max((now() - startedAt) / 1000, 0.001)))}/s`,
  })
  bar.start(known ? totalBytes : 1, 0, payload())
  return {
    add(bytes) {
      done += bytes
      bar.update(known ? done : 0, payload())
    },
    stop: () => bar.stop(),
  }
}
