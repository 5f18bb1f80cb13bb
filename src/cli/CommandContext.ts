// What every command handler gets: the io, a way to connect, and where to leave its exit code.
import type { CliIo } from './CliIo.js'
import { connect, type CliConnection, type ConnectionFlags } from './connection.js'
import type { ExitCode } from './exitCodes.js'

/** The shared state of one `main` call. */
export interface CommandContext {
  /** Streams, environment and interrupts. */
  readonly io: CliIo
  /** Builds a client from a command's connection flags, remembering its key to hide it. */
  connect(flags: ConnectionFlags): CliConnection
  /** Keys in use: cut out of every message printed. */
  readonly secrets: ReadonlyArray<string>
  /** The exit code left by the command that ran. */
  exitCode: ExitCode
  /** Wraps a command handler for commander: its resolved exit code becomes `exitCode`. */
  action<A extends unknown[]>(
    handler: (...args: A) => Promise<ExitCode>,
  ): (...args: A) => Promise<void>
}

/** A fresh context over `io`. */
export const createCommandContext = (io: CliIo): CommandContext => {
  const secrets: string[] = []
  const ctx: CommandContext = {
    io,
    secrets,
    exitCode: 0,
    action:
      (handler) =>
      async (...args) => {
        ctx.exitCode = await handler(...args)
      },
    connect(flags) {
      const connection = connect(flags, io)
      secrets.push(connection.apiKey)
      return connection
    },
  }
  return ctx
}
