// `mistral-batch demo`: a whole batch run against an embedded emulator, no key and no network.
import { createClient } from 'mistral-batch-rx'
import { positiveInteger } from '../argParsers.js'
import { writeLines } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import type { CliCommand } from '../CliCommand.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { DEMO_MODEL, demoAnswers, demoRequests } from '../demo/demoRequests.js'
import { fileSink } from '../output/lineSinks.js'
import { createResultWriter } from '../output/resultWriter.js'
import { plural } from '../render/formatUnits.js'
import { executeRun } from '../run/executeRun.js'
import { startEmulatorForCli } from './emulatorCommand.js'

type DemoFlags = { readonly requests: number; readonly out: string; readonly rate?: number }

// Fast enough that 2,000 requests take about 8 s: long enough to watch the bar, well under a minute.
const defaultRate = (requests: number): number => Math.max(200, Math.ceil(requests / 8))

const demo = async (ctx: CommandContext, flags: DemoFlags): Promise<ExitCode> => {
  const { stdout, stderr } = ctx.io
  const rate = flags.rate ?? defaultRate(flags.requests)
  const emulator = await startEmulatorForCli({ port: 0, rate, queueDelayMs: 200 })
  try {
    writeLines(
      stderr,
      `Started a local Mistral batch emulator at ${emulator.url} (no key, no network)`,
      `Running ${plural(flags.requests, 'chat request')} through /v1/chat/completions at ` +
        `${rate} requests/s`,
    )
    const client = createClient({ apiKey: 'demo', baseUrl: emulator.url })
    const sink = await fileSink(ctx.io.cwd, flags.out, true)
    const answers = demoAnswers()
    const exitCode = await executeRun(ctx, {
      requests: flags.requests,
      events: client.runBatch$(demoRequests(flags.requests), {
        job: {
          endpoint: '/v1/chat/completions',
          model: DEMO_MODEL,
          metadata: { source: 'mistral-batch demo' },
        },
        mode: 'file',
        filename: 'demo-requests.jsonl',
        watch: { intervalMs: 250, backoff: 1.2, maxIntervalMs: 1000 },
      }),
      writer: createResultWriter(sink, sink, answers.keep),
      onInterrupt: async () => {
        writeLines(stderr, 'Demo interrupted.')
        return EXIT_CODES.interrupted
      },
    })
    if (exitCode !== EXIT_CODES.interrupted) writeLines(stdout, ...answers.closingLines())
    return exitCode
  } finally {
    await emulator.close()
  }
}

/** Adds `demo` to the program. */
export const registerDemoCommand = (program: CliCommand, ctx: CommandContext): void => {
  const command = program
    .subcommand(
      'demo',
      'start an emulator on a free port, run generated chat requests through it with the ' +
        'progress bar, write the results, print a summary and a few answers',
      'mistral-batch demo',
      'mistral-batch demo --requests 200 --out /tmp/demo.jsonl',
    )
    .option('--requests <n>', 'how many requests', positiveInteger, 2000)
    .option('--out <file>', 'where the results go', 'demo-results.jsonl')
    .option(
      '--rate <n>',
      'requests per second the emulator processes (default: ~8 s in all)',
      positiveInteger,
    )
    .option('--verbose', 'print stack traces of errors')
  ctx.action(command, (flags: DemoFlags) => demo(ctx, flags))
}
