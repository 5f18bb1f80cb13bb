// docs/cli.md against the real command line: every command of its table exists with the flags it lists.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../packages/cli/src/index.js'
import { CapturedOutput } from '../../packages/cli/spec/support/captureOutput.js'

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8')

/** The first cells of the table under `## Commands`: each names one or two commands, with flags. */
const commandCells = doc
  .slice(doc.indexOf('## Commands'), doc.indexOf('## Errors and exit codes'))
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) => line.split(' | ')[0]!.slice(2))

/** `jobs cancel <jobId>` in a cell like "`jobs cancel <jobId>`, `jobs delete <jobId>`". */
const usages = commandCells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!))

const helpOf = async (words: string[]): Promise<string> => {
  const stdout = new CapturedOutput()
  const code = await main(['node', 'mistral-batch', ...words, '--help'], {
    stdout,
    stderr: new CapturedOutput(),
    env: {},
  })
  expect(code).toBe(0)
  return stdout.text
}

describe('docs/cli.md', () => {
  it('lists every command the CLI has, as its --help lists them', async () => {
    /** The names under `Commands:` in a --help text, without `help`. */
    const commandsIn = (help: string) =>
      [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z]+)\b/gm)]
        .map((m) => m[1]!)
        .filter((name) => name !== 'help')
    const groups = ['jobs', 'files', 'queue']
    const cli: string[] = []
    for (const name of commandsIn(await helpOf([]))) {
      if (!groups.includes(name)) cli.push(name)
      else for (const sub of commandsIn(await helpOf([name]))) cli.push(`${name} ${sub}`)
    }
    const named = usages.map((usage) => usage.split(/ [<[-]/)[0]!.trim())
    expect(named.sort()).toEqual(cli.sort())
    expect(cli).toHaveLength(20)
  })

  it.each(usages.filter((usage) => !usage.startsWith('emulator')))(
    '%s: the command and each flag it shows are in its --help',
    async (usage) => {
      const words = usage
        .split(/ [<[-]/)[0]!
        .trim()
        .split(' ')
      const help = await helpOf(words)
      for (const flag of usage.match(/--[a-z-]+/g) ?? []) expect(help).toContain(flag)
    },
  )

  it('shows the emulator flags the emulator command takes', async () => {
    const usage = usages.find((u) => u.startsWith('emulator'))!
    const help = await helpOf(['emulator'])
    for (const flag of usage.match(/--[a-z-]+/g) ?? []) expect(help).toContain(flag)
  })

  it('documents the exit codes the CLI prints in its --help', async () => {
    const help = await helpOf([])
    for (const [, code] of help.matchAll(/^ {2}(\d+) {2,}/gm)) {
      expect(doc).toContain(`| \`${code}\``)
    }
  })
})
