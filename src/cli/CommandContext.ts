// What every command handler gets: the io, a way to connect, and where to leave its exit code.
import type { CliIo } from './CliIo.js'
import { connect, type CliConnection, type ConnectionFlags } from './connection.js'
import type { ExitCode } from './exitCodes.js'
import { MaskedOutput } from './MaskedOutput.js'
import { secretsMask } from './maskSecrets.js'

/** The shared state of one `main` call. */
export interface CommandContext {
  /** Streams, environment and interrupts; whatever is written to stdout or stderr is masked. */
  readonly io: CliIo
  /** Builds a client from a command's connection flags, remembering its key to hide it. */
  connect(flags: ConnectionFlags): CliConnection
  /** Keys in use: cut out of every text printed. */
  readonly secrets: ReadonlyArray<string>
  /** The exit code left by the command that ran. */
  exitCode: ExitCode
  /** Wraps a command handler for commander: its resolved exit code becomes `exitCode`. */
  action<A extends unknown[]>(
    handler: (...args: A) => Promise<ExitCode>,
  ): (...args: A) => Promise<void>
}

/**
 * A fresh context over `io`, hiding `knownSecrets` (the keys named on the command line or in the
 * environment, so that even a parse error cannot print them) and every key it connects with.
 */
export const createCommandContext = (
  io: CliIo,
  knownSecrets: ReadonlyArray<string> = [],
): CommandContext => {
  const secrets = [...knownSecrets]
  const mask = secretsMask(secrets)
  const ctx: CommandContext = {
    io: {
      ...io,
      stdout: new MaskedOutput(io.stdout, mask),
      stderr: new MaskedOutput(io.stderr, mask),
    },
    secrets,
    exitCode: 0,
    action:
      (handler) =>
      async (...args) => {
        ctx.exitCode = await handler(...args)
      },
    connect(flags) {
      return connect(flags, io, (secret) => {
        if (!secrets.includes(secret)) secrets.push(secret)
      })
    },
  }
  return ctx
}
