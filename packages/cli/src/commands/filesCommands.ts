// `mistral-batch files ...`: upload, list, get, download and delete files.
import * as path from 'node:path'
import { firstValueFrom } from 'rxjs'
import { FILE_PURPOSES, type FilePurpose } from 'mistral-batch-rx'
import { downloadToFile$, uploadFile$ } from 'mistral-batch-rx/node'
import { oneOf } from '../argParsers.js'
import { writeLines } from '../CliIo.js'
import { consumeUntilInterrupted } from '../run/consumeUntilInterrupted.js'
import type { CommandContext, CommandHandler } from '../CommandContext.js'
import { EXAMPLE_ID, type CliCommand } from '../CliCommand.js'
import { EXIT_CODES } from '../exitCodes.js'
import { createByteProgressView } from '../render/byteProgressView.js'
import { formatBytes, plural } from '../render/formatUnits.js'
import { formatFileDetail, formatFileTable } from '../render/resourceViews.js'
import { addDelete, addGet, addList, type ListFlags } from './resourceCommands.js'

const FILE = EXAMPLE_ID.file

const purpose = oneOf(FILE_PURPOSES)

/** Uploads `file` as a file of `purpose`, and says how big it is. */
const upload: CommandHandler<[file: string, purpose: FilePurpose]> = async (
  ctx,
  client,
  file,
  purpose,
) => {
  const uploaded = await firstValueFrom(
    uploadFile$(client, path.resolve(ctx.io.cwd, file), { purpose }),
  )
  const lines = uploaded.num_lines
  const counted = typeof lines === 'number' ? `, ${plural(lines, 'line')}` : ''
  writeLines(
    ctx.io.stdout,
    `Uploaded ${file} as file ${uploaded.id} (${formatBytes(uploaded.bytes)}${counted})`,
  )
  return EXIT_CODES.ok
}

/** Streams the file to `--out` (its own name by default) with a byte bar, or with `-` to stdout. */
const download: CommandHandler<[fileId: string, flags: { readonly out?: string }]> = async (
  ctx,
  client,
  fileId,
  flags,
) => {
  const { stdout, stderr, interrupts } = ctx.io
  if (flags.out === '-') {
    const how = await consumeUntilInterrupted(client.files.download$(fileId), interrupts, (chunk) =>
      stdout.write(chunk),
    )
    return how === 'interrupted' ? EXIT_CODES.interrupted : EXIT_CODES.ok
  }
  const file = await firstValueFrom(client.files.get$(fileId))
  // The server's filename may carry folders: only its last part names a local file.
  const out = flags.out ?? path.basename(file.filename)
  const bar = createByteProgressView(stderr, file.bytes)
  let bytes = 0
  const how = await consumeUntilInterrupted(
    downloadToFile$(client, fileId, path.resolve(ctx.io.cwd, out)),
    interrupts,
    (written) => {
      bar.add(written - bytes)
      bytes = written
    },
  ).finally(() => bar.stop())
  if (how === 'interrupted') {
    writeLines(stderr, `Interrupted: ${out} was not written.`)
    return EXIT_CODES.interrupted
  }
  writeLines(stdout, `Downloaded ${formatBytes(bytes)} (${bytes} bytes) to ${out}`)
  return EXIT_CODES.ok
}

/** Adds `files upload|list|get|download|delete` to the program. */
export const registerFilesCommands = (program: CliCommand, ctx: CommandContext): void => {
  const files = program.subcommand(
    'files',
    'upload, list, inspect, download and delete files',
    'mistral-batch files upload requests.jsonl',
    `mistral-batch files download ${FILE} --out results.jsonl`,
  )

  const uploadCommand = files
    .subcommand(
      'upload',
      'upload a file (streamed from disk)',
      'mistral-batch files upload requests.jsonl',
    )
    .argument('<path>', 'the file to upload')
    .option('--purpose <purpose>', FILE_PURPOSES.join(', '), purpose, 'batch')
  ctx.connected(uploadCommand, (client, file: string, flags: { readonly purpose: FilePurpose }) =>
    upload(ctx, client, file, flags.purpose),
  )

  const list = files
    .subcommand(
      'list',
      'list files as a table (or JSON)',
      'mistral-batch files list --purpose batch --limit 50',
    )
    .option(
      '--purpose <purpose>',
      `only files with this purpose (${FILE_PURPOSES.join(', ')})`,
      purpose,
    )
  addList(
    ctx,
    list,
    'files',
    (client, flags: ListFlags & { purpose?: FilePurpose }) =>
      client.files.list$(flags.purpose === undefined ? {} : { purpose: flags.purpose }),
    formatFileTable,
  )

  const get = files.subcommand('get', 'show one file', `mistral-batch files get ${FILE}`)
  addGet(ctx, get, 'file', (client, id) => client.files.get$(id), formatFileDetail)

  const downloadCommand = files
    .subcommand(
      'download',
      "stream a file's content to disk, with a byte progress bar on a terminal",
      `mistral-batch files download ${FILE} --out results.jsonl`,
      `mistral-batch files download ${FILE} --out - | head`,
    )
    .idArgument('file')
    .option('--out <file>', 'where to write it, - for stdout (default: its filename)')
  ctx.connected(downloadCommand, (client, fileId: string, flags: { readonly out?: string }) =>
    download(ctx, client, fileId, flags),
  )

  addDelete(ctx, files, 'file', (client, id) => client.files.delete$(id))
}
