// `mistral-batch demo`: a whole batch run against an embedded emulator, no key and no network.
import type { Command } from 'commander'
import * as path from 'node:path'
import { createClient, type ResultLine } from '../../index.js'
import { positiveInteger } from '../argParsers.js'
import { writeLine } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { withExamples } from '../commandHelp.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { answerOf } from '../demo/answerOf.js'
import { DEMO_MODEL, demoIndexOf, demoPrompt, demoRequests } from '../demo/demoRequests.js'
import { fileSink } from '../output/lineSinks.js'
import { createResultWriter, type ResultWriter } from '../output/resultWriter.js'
import { plural } from '../render/plural.js'
import { executeRun } from '../run/executeRun.js'
import { startEmulatorForCli } from './emulatorCommand.js'

interface DemoFlags {
  readonly requests: number
  readonly out: string
  readonly rate?: number
}

/** Answers shown at the end. */
const SHOWN_ANSWERS = 3
/** The longest answer shown, in characters. */
const ANSWER_WIDTH = 160

// Fast enough that 2,000 requests take about 8 s: long enough to watch the bar, well under a minute.
const defaultRate = (requests: number): number => Math.max(200, Math.ceil(requests / 8))

/** A writer that also keeps the first few answers, to show them at the end. */
const keepingAnswers = (writer: ResultWriter, answers: Array<[string, string]>): ResultWriter => ({
  ...writer,
  write(line: ResultLine) {
    writer.write(line)
    if (answers.length >= SHOWN_ANSWERS) return
    const index = demoIndexOf(line.custom_id)
    const answer = answerOf(line)
    if (index !== undefined && answer !== undefined) answers.push([demoPrompt(index), answer])
  },
})

const shorten = (text: string): string =>
  text.length <= ANSWER_WIDTH ? text : `${text.slice(0, ANSWER_WIDTH - 1)}…`

const demo = async (ctx: CommandContext, flags: DemoFlags): Promise<ExitCode> => {
  const { stdout, stderr } = ctx.io
  const rate = flags.rate ?? defaultRate(flags.requests)
  const emulator = await startEmulatorForCli({ port: 0, rate, queueDelayMs: 200 })
  try {
    writeLine(
      stderr,
      `Started a local Mistral batch emulator at ${emulator.url} (no key, no network)`,
    )
    writeLine(
      stderr,
      `Running ${plural(flags.requests, 'chat request')} through /v1/chat/completions at ` +
        `${rate} requests/s`,
    )
    const client = createClient({ apiKey: 'demo', baseUrl: emulator.url })
    const sink = await fileSink(path.resolve(ctx.io.cwd, flags.out), flags.out, {
      mustExist: true,
    })
    const answers: Array<[string, string]> = []
    const result = await executeRun(ctx, {
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
      writer: keepingAnswers(createResultWriter(sink, sink), answers),
      onInterrupt: async () => {
        writeLine(stderr, 'Demo interrupted.')
        return EXIT_CODES.interrupted
      },
    })
    if (result.completed !== undefined && answers.length > 0) {
      writeLine(stdout)
      writeLine(stdout, 'A few answers (from the fake model of the emulator):')
      for (const [prompt, answer] of answers) {
        writeLine(stdout, `  > ${prompt}`)
        writeLine(stdout, `    ${shorten(answer)}`)
      }
      writeLine(stdout)
      writeLine(stdout, 'Next: mistral-batch emulator, then in another terminal:')
      writeLine(
        stdout,
        '  MISTRAL_BASE_URL=<its url> mistral-batch run requests.jsonl --endpoint /v1/chat/completions',
      )
    }
    return result.exitCode
  } finally {
    await emulator.close()
  }
}

/** Adds `demo` to the program. */
export const registerDemoCommand = (program: Command, ctx: CommandContext): void => {
  withExamples(
    program
      .command('demo')
      .description(
        'start an emulator on a free port, run generated chat requests through it with the ' +
          'progress bar, write the results, print a summary and a few answers',
      )
      .option('--requests <n>', 'how many requests', positiveInteger, 2000)
      .option('--out <file>', 'where the results go', 'demo-results.jsonl')
      .option(
        '--rate <n>',
        'requests per second the emulator processes (default: ~8 s in all)',
        positiveInteger,
      )
      .option('--verbose', 'print stack traces of errors'),
    'mistral-batch demo',
    'mistral-batch demo --requests 200 --out /tmp/demo.jsonl',
  ).action(ctx.action((flags: DemoFlags) => demo(ctx, flags)))
}
