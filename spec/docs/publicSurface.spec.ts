// The public surface listed in docs/concepts.md is exactly what src/index.ts exports.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

const root = join(__dirname, '..', '..')

const exportedNames = (): string[] => {
  const entry = join(root, 'src', 'index.ts')
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, strict: true })
  const checker = program.getTypeChecker()
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.getName())
}

const listedNames = (): string[] => {
  const text = readFileSync(join(root, 'docs', 'concepts.md'), 'utf8')
  const section = text.slice(text.indexOf('## The public surface'))
  const bullets = section.split('\n').filter((line) => line.startsWith('- **'))
  return bullets.flatMap((line) =>
    [...line.slice(line.indexOf('**:') + 3).matchAll(/`([^`]+)`/g)].map((match) => match[1]!),
  )
}

describe('the public surface', () => {
  const exported = exportedNames()

  it('lists in docs/concepts.md every name src/index.ts exports, and no other', () => {
    const listed = listedNames()
    expect({
      notListed: exported.filter((name) => !listed.includes(name)),
      notExported: listed.filter((name) => !exported.includes(name)),
    }).toEqual({ notListed: [], notExported: [] })
    expect(listed.length).toBe(new Set(listed).size)
  })

  it.each([
    'previewJson',
    'formatPaths',
    'summarizeApiErrorBody',
    'withDefault',
    'openEnum',
    'ABORTED_BY_CALLER',
    'runDepsFor',
    'inlineJobRunner',
    'createBatcher',
    'RUN_BATCH_DEFAULTS',
    'BATCHER_DEFAULTS',
    'WATCH_JOB_DEFAULTS',
    'HttpContext',
  ])('keeps the internal %s out', (name) => {
    expect(exported).not.toContain(name)
  })
})
