// `mistral-batch files ...`: upload, list, get, download and delete files.
import type { Command } from 'commander'
import * as path from 'node:path'
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs'
import { FILE_PURPOSES, type FilePurpose } from '../../index.js'
import { oneOf, positiveInteger } from '../argParsers.js'
import { writeLine } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { withExamples } from '../commandHelp.js'
import { withConnectionOptions, type ConnectionFlags } from '../connection.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { downloadToFile$, uploadFile$ } from '../../node/index.js'
import { createByteProgressView } from '../render/byteProgressView.js'
import { formatFileDetail, formatFileTable } from '../render/fileViews.js'
import { formatBytes } from '../render/formatUnits.js'
import { plural } from '../render/plural.js'
import { consumeUntilInterrupted } from '../run/consumeUntilInterrupted.js'

interface UploadFlags extends ConnectionFlags {
  readonly purpose: string
}

interface ListFlags extends ConnectionFlags {
  readonly purpose?: string
  readonly limit: number
  readonly json?: boolean
}

interface JsonFlags extends ConnectionFlags {
  readonly json?: boolean
}

interface DownloadFlags extends ConnectionFlags {
  readonly out?: string
}

const printJson = (ctx: CommandContext, value: unknown): void =>
  writeLine(ctx.io.stdout, JSON.stringify(value, null, 2))

const upload = async (ctx: CommandContext, file: string, flags: UploadFlags) => {
  const { client } = ctx.connect(flags)
  const uploaded = await firstValueFrom(
    uploadFile$(client, path.resolve(ctx.io.cwd, file), {
      purpose: flags.purpose as FilePurpose,
    }),
  )
  writeLine(
    ctx.io.stdout,
    `Uploaded ${file} as file ${uploaded.id} (${formatBytes(uploaded.bytes)}` +
      `${uploaded.num_lines === null || uploaded.num_lines === undefined ? '' : `, ${plural(uploaded.num_lines, 'line')}`})`,
  )
  return EXIT_CODES.ok
}

const list = async (ctx: CommandContext, flags: ListFlags) => {
  const { client } = ctx.connect(flags)
  const files = await lastValueFrom(
    client.files
      .list$(flags.purpose === undefined ? {} : { purpose: flags.purpose as FilePurpose })
      .pipe(take(flags.limit), toArray()),
  )
  if (flags.json === true) printJson(ctx, files)
  else if (files.length === 0) writeLine(ctx.io.stdout, 'No files.')
  else for (const line of formatFileTable(files)) writeLine(ctx.io.stdout, line)
  return EXIT_CODES.ok
}

const get = async (ctx: CommandContext, fileId: string, flags: JsonFlags) => {
  const { client } = ctx.connect(flags)
  const file = await firstValueFrom(client.files.get$(fileId))
  if (flags.json === true) printJson(ctx, file)
  else for (const line of formatFileDetail(file)) writeLine(ctx.io.stdout, line)
  return EXIT_CODES.ok
}

const download = async (
  ctx: CommandContext,
  fileId: string,
  flags: DownloadFlags,
): Promise<ExitCode> => {
  const { client } = ctx.connect(flags)
  if (flags.out === '-') {
    const how = await consumeUntilInterrupted(
      client.files.download$(fileId),
      ctx.io.interrupts,
      (chunk) => ctx.io.stdout.write(chunk),
    )
    return how === 'interrupted' ? EXIT_CODES.interrupted : EXIT_CODES.ok
  }
  const file = await firstValueFrom(client.files.get$(fileId))
  // The server's filename may carry folders: only its last part names a local file.
  const out = flags.out ?? path.basename(file.filename)
  const bar = createByteProgressView(ctx.io.stderr, file.bytes)
  let bytes = 0
  let how
  try {
    how = await consumeUntilInterrupted(
      downloadToFile$(client, fileId, path.resolve(ctx.io.cwd, out)),
      ctx.io.interrupts,
      (written) => {
        bar.add(written - bytes)
        bytes = written
      },
    )
  } finally {
    bar.stop()
  }
  if (how === 'interrupted') {
    writeLine(ctx.io.stderr, `Interrupted: ${out} was not written.`)
    return EXIT_CODES.interrupted
  }
  writeLine(ctx.io.stdout, `Downloaded ${formatBytes(bytes)} (${bytes} bytes) to ${out}`)
  return EXIT_CODES.ok
}

const remove = async (ctx: CommandContext, fileId: string, flags: ConnectionFlags) => {
  const { client } = ctx.connect(flags)
  const deleted = await firstValueFrom(client.files.delete$(fileId))
  writeLine(ctx.io.stdout, `Deleted file ${deleted.id}`)
  return EXIT_CODES.ok
}

const FILE_ID = '7f3c2a1b-4d5e-4f60-8a9b-0c1d2e3f4a5b'

const purpose = oneOf(FILE_PURPOSES)

/** Adds `files upload|list|get|download|delete` to the program. */
export const registerFilesCommands = (program: Command, ctx: CommandContext): void => {
  const files = withExamples(
    program.command('files').description('upload, list, inspect, download and delete files'),
    'mistral-batch files upload requests.jsonl',
    `mistral-batch files download ${FILE_ID} --out results.jsonl`,
  )

  withExamples(
    withConnectionOptions(
      files
        .command('upload')
        .description('upload a file (streamed from disk)')
        .argument('<path>', 'the file to upload')
        .option('--purpose <purpose>', FILE_PURPOSES.join(', '), purpose, 'batch'),
    ),
    'mistral-batch files upload requests.jsonl',
  ).action(ctx.action((file: string, flags: UploadFlags) => upload(ctx, file, flags)))

  withExamples(
    withConnectionOptions(
      files
        .command('list')
        .description('list files as a table (or JSON)')
        .option(
          '--purpose <purpose>',
          `only files with this purpose (${FILE_PURPOSES.join(', ')})`,
          purpose,
        )
        .option('--limit <n>', 'at most this many files', positiveInteger, 20)
        .option('--json', 'print the files as JSON'),
    ),
    'mistral-batch files list --purpose batch --limit 50',
  ).action(ctx.action((flags: ListFlags) => list(ctx, flags)))

  withExamples(
    withConnectionOptions(
      files
        .command('get')
        .description('show one file')
        .argument('<fileId>', 'the file id')
        .option('--json', 'print the file as JSON'),
    ),
    `mistral-batch files get ${FILE_ID}`,
  ).action(ctx.action((fileId: string, flags: JsonFlags) => get(ctx, fileId, flags)))

  withExamples(
    withConnectionOptions(
      files
        .command('download')
        .description("stream a file's content to disk, with a byte progress bar on a terminal")
        .argument('<fileId>', 'the file id')
        .option('--out <file>', 'where to write it, - for stdout (default: its filename)'),
    ),
    `mistral-batch files download ${FILE_ID} --out results.jsonl`,
    `mistral-batch files download ${FILE_ID} --out - | head`,
  ).action(ctx.action((fileId: string, flags: DownloadFlags) => download(ctx, fileId, flags)))

  withExamples(
    withConnectionOptions(
      files.command('delete').description('delete a file').argument('<fileId>', 'the file id'),
    ),
    `mistral-batch files delete ${FILE_ID}`,
  ).action(ctx.action((fileId: string, flags: ConnectionFlags) => remove(ctx, fileId, flags)))
}
