// Every export of every package entry point carries a doc comment (TypeDoc builds the API reference from them).
import { join } from 'node:path'
import ts from 'typescript'

const root = join(__dirname, '..', '..')

/** The entry points of every package: the core's `.` and `./node`, the emulator's, the CLI's, Angular's. */
const entryPoints = [
  'src/index.ts',
  'src/node/index.ts',
  'packages/emulator/src/index.ts',
  'packages/cli/src/index.ts',
  'packages/angular/src/index.ts',
].map((path) => join(root, path))

const compilerOptions = (): ts.CompilerOptions => {
  const configPath = join(root, 'tsconfig.json')
  const { config } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path))
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options
}

/** The exports of `entry` with no doc comment, as `entry: name`. */
const undocumentedExports = (program: ts.Program, entry: string): string[] => {
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(entry)
  const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source)
  if (moduleSymbol === undefined) return [`${entry}: not a module`]
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((exported) => {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === ''
    })
    .map((exported) => `${entry.slice(root.length + 1)}: ${exported.getName()}`)
}

describe('doc comments', () => {
  const program = ts.createProgram(entryPoints, compilerOptions())

  it('finds the entry points', () => {
    expect(entryPoints).toContain(join(root, 'src/index.ts'))
  })

  it.each(entryPoints.map((path) => [path.slice(root.length + 1), path]))(
    'every export of %s has a doc comment',
    (_name, entry) => {
      expect(undocumentedExports(program, entry)).toEqual([])
    },
  )

  it('reports an export without one', () => {
    const fixture = join(root, 'spec', 'docs', 'fixtures', 'undocumented.ts')
    const fixtureProgram = ts.createProgram([fixture], compilerOptions())
    expect(undocumentedExports(fixtureProgram, fixture)).toEqual([
      'spec/docs/fixtures/undocumented.ts: bare',
      'spec/docs/fixtures/undocumented.ts: Bare',
    ])
  })
})
