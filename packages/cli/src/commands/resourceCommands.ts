// What the jobs and files commands share: --limit and --json, the printing of a listing or of one
// item, and `get` and `delete` themselves.
import { firstValueFrom, lastValueFrom, take, toArray, type Observable } from 'rxjs'
import type { MistralBatchClient } from 'mistral-batch-rx'
import { positiveInteger } from '../argParsers.js'
import { writeLines, type CliOutput } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { EXAMPLE_ID, type CliCommand } from '../CliCommand.js'
import { EXIT_CODES } from '../exitCodes.js'

type Noun = 'job' | 'file'

/** `--json`. */
export type JsonFlags = { readonly json?: boolean }

/** `--limit` and `--json`. */
export type ListFlags = JsonFlags & { readonly limit: number }

/** Prints `value` as JSON with `--json`, else as its `lines`. */
export const printValue = <T>(
  out: CliOutput,
  flags: JsonFlags,
  value: T,
  lines: (v: T) => string[],
) => {
  writeLines(out, ...(flags.json === true ? [JSON.stringify(value, null, 2)] : lines(value)))
  return EXIT_CODES.ok
}

/**
 * Adds `--limit` (20 by default) and `--json` to `list`, and makes it print the first `--limit`
 * of the `plural` that `list$` brings, as a `table`.
 */
export const addList = <T, F extends ListFlags>(
  ctx: CommandContext,
  list: CliCommand,
  plural: string,
  list$: (client: MistralBatchClient, flags: F) => Observable<T>,
  table: (items: ReadonlyArray<T>) => string[],
): void =>
  ctx.connected(
    list
      .option('--limit <n>', `at most this many ${plural}`, positiveInteger, 20)
      .option('--json', `print the ${plural} as JSON`),
    async (client, flags: F) => {
      const items = await lastValueFrom(list$(client, flags).pipe(take(flags.limit), toArray()))
      const lines = () => (items.length === 0 ? [`No ${plural}.`] : table(items))
      return printValue(ctx.io.stdout, flags, items, lines)
    },
  )

/** Makes `get` print the `noun` that `get$` brings, as its `detail` lines or as JSON. */
export const addGet = <T>(
  ctx: CommandContext,
  get: CliCommand,
  noun: Noun,
  get$: (client: MistralBatchClient, id: string) => Observable<T>,
  detail: (item: T) => string[],
): void =>
  ctx.connected(
    get.idArgument(noun).option('--json', `print the ${noun} as JSON`),
    async (client, id: string, flags: JsonFlags) =>
      printValue(ctx.io.stdout, flags, await firstValueFrom(get$(client, id)), detail),
  )

/** Adds `delete <id>` to `parent`: deletes the `noun` with `delete$`, and says so. */
export const addDelete = (
  ctx: CommandContext,
  parent: CliCommand,
  noun: Noun,
  delete$: (client: MistralBatchClient, id: string) => Observable<{ readonly id: string }>,
): void => {
  const command = parent
    .subcommand(
      'delete',
      `delete a ${noun}`,
      `mistral-batch ${parent.name()} delete ${EXAMPLE_ID[noun]}`,
    )
    .idArgument(noun)
  ctx.connected(command, async (client, id: string) => {
    const deleted = await firstValueFrom(delete$(client, id))
    writeLines(ctx.io.stdout, `Deleted ${noun} ${deleted.id}`)
    return EXIT_CODES.ok
  })
}
