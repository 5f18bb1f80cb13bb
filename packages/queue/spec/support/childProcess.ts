// A child process of the cross-process specs, as its spec sees it: the JSON lines it said, waits
// for a line (each with a timeout), and its end: killed, stopped, or exited by itself.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

/** How a child ended. */
interface ChildExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** A running child process that says JSON lines of type `L`. */
export interface Child<L> {
  readonly name: string
  /** Every line it said so far, in order. */
  readonly lines: ReadonlyArray<L>
  /** What it wrote to stderr so far. */
  readonly stderr: () => string
  /** Resolves when it has exited, however. */
  readonly exited: Promise<ChildExit>
  /** Whether this spec signalled it (an exit it did not ask for is a failure). */
  readonly signalled: () => boolean
  /** Resolves with the first line (said so far or later) that `matches`; rejects on timeout or exit. */
  waitFor(matches: (line: L) => boolean, timeoutMs: number, what: string): Promise<L>
  /** SIGKILL: the crash. Resolves once it is gone. */
  kill(): Promise<ChildExit>
  /** SIGTERM, then SIGKILL after `timeoutMs`. Resolves once it is gone. */
  stop(timeoutMs?: number): Promise<ChildExit>
}

const running = new Set<Child<unknown>>()

/** Kills every child still running (afterAll, so a failed spec leaves no process behind). */
export const killChildren = async (): Promise<void> => {
  await Promise.all([...running].map((child) => child.kill()))
}

/** Starts `node script ...args`; `onLine` sees each line as it comes. */
export const spawnChild = <L>(
  name: string,
  script: string,
  args: ReadonlyArray<string>,
  onLine: (line: L) => void = () => undefined,
): Child<L> => {
  const process_ = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: L[] = []
  const listeners = new Set<(line: L) => void>()
  let stderr = ''
  let signalled = false
  createInterface({ input: process_.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as L
    lines.push(line)
    onLine(line)
    listeners.forEach((listener) => listener(line))
  })
  process_.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const exited = new Promise<ChildExit>((resolve) =>
    process_.once('close', (code, signal) => resolve({ code, signal })),
  )
  const signal = (kind: NodeJS.Signals) => {
    signalled = true
    if (process_.exitCode === null && process_.signalCode === null) process_.kill(kind)
    return exited
  }
  const child: Child<L> = {
    name,
    lines,
    stderr: () => stderr,
    exited,
    signalled: () => signalled,
    waitFor: (matches, timeoutMs, what) =>
      new Promise<L>((resolve, reject) => {
        const check = (line: L) => {
          if (!matches(line)) return
          settle()
          resolve(line)
        }
        const settle = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        const timer = setTimeout(() => {
          settle()
          reject(new Error(`${name}: no ${what} within ${timeoutMs} ms; stderr:\n${stderr}`))
        }, timeoutMs)
        void exited.then((exit) => {
          if (!listeners.has(check)) return
          settle()
          reject(new Error(`${name} exited (${JSON.stringify(exit)}) before ${what}:\n${stderr}`))
        })
        const found = lines.find(matches)
        if (found === undefined) listeners.add(check)
        else {
          settle()
          resolve(found)
        }
      }),
    kill: () => signal('SIGKILL'),
    stop: (timeoutMs = 10_000) => {
      const timer = setTimeout(() => process_.kill('SIGKILL'), timeoutMs)
      return signal('SIGTERM').finally(() => clearTimeout(timer))
    },
  }
  running.add(child as Child<unknown>)
  void exited.then(() => running.delete(child as Child<unknown>))
  return child
}
