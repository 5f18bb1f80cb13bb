// What every command handler gets: the io, a client for its connection flags, its exit code.
import type { Command } from 'commander'
import type { MistralBatchClient } from 'mistral-batch-rx'
import type { CliIo } from './CliIo.js'
import { connect, withConnectionOptions, type ConnectionFlags } from './connection.js'
import type { ExitCode } from './exitCodes.js'
import { MaskedOutput } from './MaskedOutput.js'
import { secretsMask } from './maskSecrets.js'

/** A command's work: given the context, a client and commander's arguments, its exit code. */
export type CommandHandler<A extends unknown[]> = (
  ctx: CommandContext,
  client: MistralBatchClient,
  ...args: A
) => Promise<ExitCode>

/** The shared state of one `main` call. */
export interface CommandContext {
  /** Streams, environment and interrupts; whatever is written to stdout or stderr is masked. */
  readonly io: CliIo
  /** Keys in use: cut out of every text printed. */
  readonly secrets: ReadonlyArray<string>
  /** Masks `secret` (a database password, say) in everything printed from now on. */
  hide(secret: string): void
  /** Resolves once everything written to stdout so far has left this process. */
  flushed(): Promise<void>
  /** The exit code left by the command that ran. */
  exitCode: ExitCode
  /** Makes `handler` the action of `command`: the exit code it resolves to becomes `exitCode`. */
  action<A extends unknown[]>(command: Command, handler: (...args: A) => Promise<ExitCode>): void
  /**
   * Adds the connection options to `command` and makes `handler` its action, called with a client
   * for them (its key remembered, to be hidden) before commander's arguments.
   */
  connected<A extends unknown[]>(
    command: Command,
    handler: (client: MistralBatchClient, ...args: A) => Promise<ExitCode>,
  ): void
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
  const hide = (secret: string) => {
    if (!secrets.includes(secret)) secrets.push(secret)
  }
  const stdout = new MaskedOutput(io.stdout, mask)
  const ctx: CommandContext = {
    io: { ...io, stdout, stderr: new MaskedOutput(io.stderr, mask) },
    secrets,
    hide,
    flushed: () => stdout.flushed(),
    exitCode: 0,
    action: (command, handler) => {
      command.action(async (...args: Parameters<typeof handler>) => {
        ctx.exitCode = await handler(...args)
      })
    },
    connected<A extends unknown[]>(
      command: Command,
      handler: (client: MistralBatchClient, ...args: A) => Promise<ExitCode>,
    ) {
      ctx.action(withConnectionOptions(command), (...args: A) =>
        handler(connect(command.opts<ConnectionFlags>(), io, hide), ...args),
      )
    },
  }
  return ctx
}
