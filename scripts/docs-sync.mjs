// Refreshes the code blocks of the docs from the example files they include, or checks them.
//
// A markdown file includes an example with a marker pair around a fenced block:
//   <!-- include: examples/readme.ts -->
//   ```ts
//   ...the file's text, written by this script...
//   ```
//   <!-- /include -->
// The path is relative to the markdown file. The block shows the file as a user writes it: imports
// of this package's sources (`'../../src/index.js'`, `'../../src/node/index.js'`) read as the
// package's entry points (`'mistral-batch-rx'`, `'mistral-batch-rx/node'`). Usage:
//   node scripts/docs-sync.mjs            rewrite every stale block
//   node scripts/docs-sync.mjs --check    list stale blocks and missing files; exit 1 if any
//   --root <dir>                          the project folder (default: the current one)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

const INCLUDE = /<!-- include: (\S+) -->\n[\s\S]*?<!-- \/include -->/g

const fenceLanguage = (path) => (path.endsWith('.mjs') || path.endsWith('.js') ? 'js' : 'ts')

const SOURCE_IMPORT = /(['"])(?:\.\.\/)+src\/(?:(node)\/)?index\.js\1/g

/** The code as a user of the package writes it: the package's entry points, not our sources. */
const asPublished = (code) =>
  code.replace(SOURCE_IMPORT, (_m, quote, entry) =>
    entry === undefined
      ? `${quote}mistral-batch-rx${quote}`
      : `${quote}mistral-batch-rx/${entry}${quote}`,
  )

/** The block a marker pair must hold for the file at `path` with text `code`. */
const block = (path, code) =>
  `<!-- include: ${path} -->\n\`\`\`${fenceLanguage(path)}\n${asPublished(code).replace(/\n+$/, '')}\n\`\`\`\n<!-- /include -->`

/** Folders that hold no docs: the generated API reference, installed and built packages. */
const NOT_DOCS = new Set(['node_modules', 'dist', '.angular'])

/** Every markdown file of the docs: README.md and docs/**, without the generated API reference. */
const markdownFiles = (root) => {
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) {
        return path === join(root, 'docs', 'api') || NOT_DOCS.has(name) ? [] : walk(path)
      }
      return name.endsWith('.md') ? [path] : []
    })
  const readme = join(root, 'README.md')
  const docs = join(root, 'docs')
  return [...(existsSync(readme) ? [readme] : []), ...(existsSync(docs) ? walk(docs) : [])]
}

/** The text of `file` with every block refreshed, and the problems found on the way. */
const syncFile = (root, file) => {
  const problems = []
  const original = readFileSync(file, 'utf8')
  const updated = original.replace(INCLUDE, (whole, path) => {
    const target = join(dirname(file), path)
    if (!existsSync(target)) {
      problems.push(`${relative(root, file)}: includes ${path}, which does not exist`)
      return whole
    }
    const fresh = block(path, readFileSync(target, 'utf8'))
    if (fresh !== whole) problems.push(`${relative(root, file)}: the block of ${path} is stale`)
    return fresh
  })
  const opened = original.split('<!-- include:').length - 1
  const matched = [...original.matchAll(INCLUDE)].length
  if (opened !== matched) {
    problems.push(`${relative(root, file)}: an include marker has no closing <!-- /include -->`)
  }
  return { original, updated, problems }
}

const args = process.argv.slice(2)
const check = args.includes('--check')
const rootIndex = args.indexOf('--root')
const root = rootIndex >= 0 ? args[rootIndex + 1] : process.cwd()

let failed = false
for (const file of markdownFiles(root)) {
  const { original, updated, problems } = syncFile(root, file)
  const missing = problems.filter((p) => !p.endsWith('is stale'))
  if (check) {
    for (const problem of problems) console.error(problem)
    failed ||= problems.length > 0
  } else {
    for (const problem of missing) console.error(problem)
    failed ||= missing.length > 0
    if (updated !== original) {
      writeFileSync(file, updated)
      console.log(`updated ${relative(root, file)}`)
    }
  }
}
if (failed && check) console.error('Run `npm run docs:sync` to refresh the blocks.')
process.exitCode = failed ? 1 : 0
