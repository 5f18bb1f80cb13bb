// The docs include their examples from docs/examples/: every block matches its file, every file is used.
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(__dirname, '..', '..')
const script = join(root, 'scripts', 'docs-sync.mjs')

/** Runs docs-sync on `projectRoot`; its exit code and what it printed. */
const sync = (projectRoot: string, ...args: string[]): { code: number; output: string } => {
  try {
    const stdout = execFileSync(process.execPath, [script, '--root', projectRoot, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return { code: 0, output: stdout }
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string }
    return { code: failure.status, output: failure.stdout + failure.stderr }
  }
}

const fence = (path: string, code: string): string =>
  `<!-- include: ${path} -->\n\`\`\`ts\n${code}\n\`\`\`\n<!-- /include -->`

describe('docs/examples included in the markdown', () => {
  it('every include block of README.md and docs/ equals its file', () => {
    const { code, output } = sync(root, '--check')
    expect(output).toBe('')
    expect(code).toBe(0)
  })

  it('every example file is included by some markdown file', () => {
    const markdown = [
      readFileSync(join(root, 'README.md'), 'utf8'),
      ...readdirSync(join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => readFileSync(join(root, 'docs', name), 'utf8')),
    ].join('\n')
    const examples = readdirSync(join(root, 'docs', 'examples')).filter((n) => n.endsWith('.ts'))
    const unused = examples.filter((name) => !markdown.includes(`examples/${name} -->`))
    expect(unused).toEqual([])
  })

  describe('the check itself', () => {
    let project: string
    beforeEach(() => {
      project = mkdtempSync(join(tmpdir(), 'docs-sync-'))
      mkdirSync(join(project, 'docs', 'examples'), { recursive: true })
      writeFileSync(join(project, 'docs', 'examples', 'hello.ts'), "export const hello = 'hi'\n")
    })
    afterEach(() => rmSync(project, { recursive: true, force: true }))

    const writeGuide = (text: string): void =>
      writeFileSync(join(project, 'docs', 'guide.md'), `# Guide\n\n${text}\n`)

    it('passes a block equal to its file', () => {
      writeGuide(fence('examples/hello.ts', "export const hello = 'hi'"))
      expect(sync(project, '--check')).toEqual({ code: 0, output: '' })
    })

    it('fails on a block that differs from its file, naming both', () => {
      writeGuide(fence('examples/hello.ts', "export const hello = 'hello'"))
      const { code, output } = sync(project, '--check')
      expect(code).toBe(1)
      expect(output).toContain('docs/guide.md: the block of examples/hello.ts is stale')
    })

    it('fails on a block that names a missing file', () => {
      writeGuide(fence('examples/gone.ts', ''))
      const { code, output } = sync(project, '--check')
      expect(code).toBe(1)
      expect(output).toContain('docs/guide.md: includes examples/gone.ts, which does not exist')
    })

    it('fails on an opening marker without its closing one', () => {
      writeGuide('<!-- include: examples/hello.ts -->\n```ts\n```\n')
      const { code, output } = sync(project, '--check')
      expect(code).toBe(1)
      expect(output).toContain('has no closing')
    })

    it("shows imports of the package's sources as its entry points", () => {
      writeFileSync(
        join(project, 'docs', 'examples', 'imports.ts'),
        "import { createClient } from '../../src/index.js'\n" +
          "import { uploadFile$ } from '../../src/node/index.js'\n" +
          "import { startEmulator } from '@mistral-batch-rx/emulator'\n" +
          "import { helper } from './helper.js'\n",
      )
      writeGuide(fence('examples/imports.ts', 'stale'))
      expect(sync(project).code).toBe(0)
      expect(readFileSync(join(project, 'docs', 'guide.md'), 'utf8')).toContain(
        "import { createClient } from 'mistral-batch-rx'\n" +
          "import { uploadFile$ } from 'mistral-batch-rx/node'\n" +
          "import { startEmulator } from '@mistral-batch-rx/emulator'\n" +
          "import { helper } from './helper.js'\n",
      )
      expect(sync(project, '--check')).toEqual({ code: 0, output: '' })
    })

    it('rewrites a stale block from its file when not checking', () => {
      writeGuide(fence('examples/hello.ts', 'old text'))
      expect(sync(project).code).toBe(0)
      expect(readFileSync(join(project, 'docs', 'guide.md'), 'utf8')).toBe(
        `# Guide\n\n${fence('examples/hello.ts', "export const hello = 'hi'")}\n`,
      )
      expect(existsSync(join(project, 'README.md'))).toBe(false)
    })
  })
})
