// Builds the CLI once for the CLI specs (CommonJS, like dist/cjs) and runs it as a child process.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import * as ts from 'typescript'

const root = resolve(__dirname, '..', '..', '..', '..')
// A private output folder: `npm pack` in another spec rebuilds dist/ while these specs run.
const buildsDir = join(root, '.tmp', 'cli-spec-build')

/** What the CLI is made of: each package's sources, and where its build goes in a build folder. */
const PARTS = [
  { src: 'src', out: join('node_modules', 'mistral-batch-rx') },
  {
    src: join('packages', 'emulator', 'src'),
    out: join('node_modules', '@mistral-batch-rx', 'emulator'),
  },
  {
    src: join('packages', 'queue', 'src'),
    out: join('node_modules', '@mistral-batch-rx', 'queue'),
  },
  { src: join('packages', 'cli', 'src'), out: 'cli' },
]

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name)
      return entry.isDirectory() ? sourceFiles(path) : [path]
    })
    .sort()

/** A digest of what a build is made of: every source file's path and text, and the config. */
const sourceDigest = (): string => {
  const hash = createHash('sha256')
  const files = PARTS.flatMap((part) => sourceFiles(join(root, part.src)))
  for (const file of [join(root, 'tsconfig.build.json'), ...files]) {
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

// The same compiler options as `npm run build` (CommonJS), one file at a time: the sources are
// `isolatedModules`, so this emits what tsc does, in seconds. Types are checked by `npm run typecheck`.
// The core, the emulator and the queue go into the build folder's node_modules, where the CLI's
// `require('mistral-batch-rx')` and `require('@mistral-batch-rx/emulator')` find them.
const build = (outDir: string): void => {
  const configPath = join(root, 'tsconfig.build.json')
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path))
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath)
  const compilerOptions = { ...parsed.options, sourceMap: false, declaration: false }
  for (const part of PARTS) {
    const srcDir = join(root, part.src)
    const partDir = join(outDir, part.out)
    for (const fileName of sourceFiles(srcDir).filter((f) => f.endsWith('.ts'))) {
      const { outputText } = ts.transpileModule(readFileSync(fileName, 'utf8'), {
        compilerOptions,
        fileName,
      })
      const target = join(partDir, relative(srcDir, fileName)).replace(/\.ts$/, '.js')
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, outputText)
    }
    const manifest = {
      type: 'commonjs',
      main: './index.js',
      exports: { '.': './index.js', './node': './node/index.js' },
    }
    writeFileSync(join(partDir, 'package.json'), JSON.stringify(manifest) + '\n')
  }
}

let built: string | undefined

/**
 * Builds the CLI unless a build of these very sources exists, and returns its executable. Each
 * build has a folder named by the digest of its sources: a worker that finds none builds into a
 * folder of its own and renames it into place, so workers building at once never wait on each
 * other, and the one that loses the rename uses the winner's (the same) build.
 */
export const ensureBuiltCli = (): string => {
  if (built !== undefined) return built
  const digest = sourceDigest()
  const outDir = join(buildsDir, digest)
  if (!existsSync(outDir)) {
    const own = `${outDir}.${process.pid}`
    rmSync(own, { recursive: true, force: true })
    build(own)
    try {
      renameSync(own, outDir)
    } catch {
      rmSync(own, { recursive: true, force: true })
    }
    // Builds of older sources are of no use any more.
    for (const name of readdirSync(buildsDir)) {
      if (name === digest || name.includes('.')) continue
      rmSync(join(buildsDir, name), { recursive: true, force: true })
    }
  }
  built = join(outDir, 'cli', 'bin.js')
  return built
}

/** What a finished CLI process left. */
export interface CliRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Options of a CLI process. */
export interface CliOptions {
  /** Environment variables on top of a clean one (no MISTRAL_* from the outer shell). */
  readonly env?: Record<string, string>
  /** Working directory. @default the repository root */
  readonly cwd?: string
  /**
   * Where stdout goes: `'collected'` into `output.stdout`; `'paused'` into a pipe nobody reads
   * until the caller reads `child.stdout` (a slow reader); or an open file descriptor.
   * @default 'collected'
   */
  readonly stdout?: 'collected' | 'paused' | number
}

/** A running CLI process, with its output so far. */
export interface CliProcess {
  readonly child: ChildProcess
  readonly output: { stdout: string; stderr: string }
  /** Resolves when the process has exited. */
  readonly done: Promise<CliRun>
  /** Resolves once stdout or stderr contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>
}

const cleanEnv = (): Record<string, string> => {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('MISTRAL_')) env[key] = value
  }
  return env
}

const running = new Set<ChildProcess>()

/** Kills every CLI process still running (call in afterEach, so a failed test leaves none). */
export const killStrayCli = (): void => {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

/** Starts `mistral-batch ...args`. */
export const spawnCli = (args: ReadonlyArray<string>, options: CliOptions = {}): CliProcess => {
  const stdout = options.stdout ?? 'collected'
  const child = spawn(process.execPath, [ensureBuiltCli(), ...args], {
    cwd: options.cwd ?? root,
    env: { ...cleanEnv(), ...options.env },
    stdio: ['ignore', typeof stdout === 'number' ? stdout : 'pipe', 'pipe'],
  })
  running.add(child)
  const output = { stdout: '', stderr: '' }
  const listeners = new Set<() => void>()
  const notify = () => listeners.forEach((listener) => listener())
  if (stdout === 'collected') {
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      output.stdout += text
      notify()
    })
  }
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    output.stderr += text
    notify()
  })
  const done = new Promise<CliRun>((resolveRun) =>
    child.on('close', (code, signal) => {
      running.delete(child)
      resolveRun({ code, signal, ...output })
    }),
  )
  const waitFor = (text: string | RegExp, timeoutMs = 20_000) =>
    new Promise<void>((resolveWait, reject) => {
      const seen = () => {
        const all = output.stdout + output.stderr
        return typeof text === 'string' ? all.includes(text) : text.test(all)
      }
      if (seen()) return resolveWait()
      const timer = setTimeout(() => {
        listeners.delete(check)
        reject(
          new Error(
            `timed out waiting for ${String(text)}; output so far:\n${output.stdout}${output.stderr}`,
          ),
        )
      }, timeoutMs)
      const check = () => {
        if (!seen()) return
        clearTimeout(timer)
        listeners.delete(check)
        resolveWait()
      }
      listeners.add(check)
      void done.then(() => {
        if (!listeners.delete(check)) return
        clearTimeout(timer)
        reject(
          new Error(`exited before ${String(text)}; output:\n${output.stdout}${output.stderr}`),
        )
      })
    })
  return { child, output, done, waitFor }
}

/** Runs `mistral-batch ...args` to its end. */
export const runCli = (args: ReadonlyArray<string>, options: CliOptions = {}): Promise<CliRun> =>
  spawnCli(args, options).done
