// The imports of docs/examples/ as a user's program writes them, in JavaScript: one ES module
// and one CommonJS script per example, so the pack spec can run them where the packages are
// installed (types and relative imports left out: only what Node or a bundler must resolve).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

const examplesDir = join(__dirname, '..', '..', 'docs', 'examples')

/** Our sources as the examples import them, and the entry a user imports instead. */
const PUBLISHED: Readonly<Record<string, string>> = {
  '../../src/index.js': 'mistral-batch-rx',
  '../../src/node/index.js': 'mistral-batch-rx/node',
}

/** One example's value imports, as an ES module and as a CommonJS script. */
export interface ExampleImports {
  readonly file: string
  readonly modules: ReadonlyArray<string>
  readonly esm: string
  readonly cjs: string
}

const bindingsOf = (clause: ts.ImportClause) => {
  const named: Array<[imported: string, local: string]> = []
  let namespace: string | undefined
  if (clause.namedBindings !== undefined && ts.isNamespaceImport(clause.namedBindings)) {
    namespace = clause.namedBindings.name.text
  } else if (clause.namedBindings !== undefined) {
    for (const element of clause.namedBindings.elements) {
      if (element.isTypeOnly) continue
      named.push([(element.propertyName ?? element.name).text, element.name.text])
    }
  }
  return { named, namespace, defaultName: clause.name?.text }
}

/** The value imports of every example whose name does not match `skip`. */
export const exampleImports = (skip: RegExp): ExampleImports[] =>
  readdirSync(examplesDir)
    .filter((file) => file.endsWith('.ts') && !skip.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(examplesDir, file), 'utf8')
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest)
      const esm: string[] = []
      const cjs: string[] = []
      const modules: string[] = []
      let n = 0
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
          continue
        }
        const written = statement.moduleSpecifier.text
        const from = PUBLISHED[written] ?? written
        const clause = statement.importClause
        if (from.startsWith('.') || clause?.isTypeOnly === true) continue
        modules.push(from)
        const q = JSON.stringify(from)
        if (clause === undefined) {
          esm.push(`import ${q}`)
          cjs.push(`require(${q})`)
          continue
        }
        const { named, namespace, defaultName } = bindingsOf(clause)
        if (namespace !== undefined) {
          esm.push(`import * as ${namespace} from ${q}`)
          cjs.push(`const ${namespace} = require(${q})`)
        }
        if (defaultName !== undefined) {
          esm.push(`import ${defaultName} from ${q}`)
          cjs.push(`const ${defaultName} = require(${q}).default ?? require(${q})`)
        }
        if (named.length > 0) {
          const list = named.map(([i, l]) => (i === l ? i : `${i} as ${l}`)).join(', ')
          esm.push(`import { ${list} } from ${q}`)
          const m = `m${n++}`
          cjs.push(`const ${m} = require(${q})`)
          for (const [imported, local] of named)
            cjs.push(`const ${local} = ${m}[${JSON.stringify(imported)}]`)
        }
      }
      // Every value imported must be there: a missing named export is undefined in CommonJS.
      const values = localsOf(source)
      const check = `const missing = ${JSON.stringify(values)}.filter((n, i) => [${values.join(', ')}][i] === undefined)
if (missing.length > 0) throw new Error('undefined imports: ' + missing.join(', '))
console.log('ok')`
      return {
        file,
        modules,
        esm: `${esm.join('\n')}\n${check}\n`,
        cjs: `${cjs.join('\n')}\n${check}\n`,
      }
    })

const localsOf = (source: ts.SourceFile): string[] =>
  source.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      return []
    const written = statement.moduleSpecifier.text
    const clause = statement.importClause
    if (
      (PUBLISHED[written] ?? written).startsWith('.') ||
      clause === undefined ||
      clause.isTypeOnly
    ) {
      return []
    }
    const { named, namespace, defaultName } = bindingsOf(clause)
    return [
      ...named.map(([, local]) => local),
      ...(namespace ? [namespace] : []),
      ...(defaultName ? [defaultName] : []),
    ]
  })
