// Builds dist/ of the core (the repository root) and of each workspace under packages/, in the
// order they depend on each other; `node scripts/build.mjs <dir>` builds one of them.
//   dist/cjs      CommonJS, fp-ts from fp-ts/lib (Node's require)
//   dist/esm      ES modules for Node's import: fp-ts/lib/X.js, the files Node's ESM loader can
//                 load; for the core, ES module wrappers of dist/cjs (see esmWrappers)
//   dist/browser  (core only) ES modules for bundlers (the `browser` and `module` conditions):
//                 fp-ts/es6/X.js, the copy io-ts's own ES build imports (so a bundle holds one
//                 fp-ts), and a platformFetch that never imports cross-fetch
// Types are the same in all three; tsc runs twice, the browser tree is the ESM tree rewritten.
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** The workspaces, each after what it depends on. */
const WORKSPACES = ['packages/emulator', 'packages/queue', 'packages/cli', 'packages/angular']
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })

/** Rewrites the module specifiers of every .js file under `dir`. */
const rewriteImports = (dir, rewrite) => {
  for (const file of walk(dir).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8')
    const fixed = source.replace(
      /(from\s+|import\()(['"])([^'"]+)\2/g,
      (match, pre, q, specifier) => {
        const next = rewrite(specifier)
        return next === specifier ? match : `${pre}${q}${next}${q}`
      },
    )
    if (fixed !== source) writeFileSync(file, fixed)
  }
}

// fp-ts and io-ts have no `exports` map: Node's ESM loader cannot resolve `fp-ts/Either` (a
// folder), so the ESM build names the file itself.
const nodeEsmFile = (specifier) => {
  const sub = /^(fp-ts|io-ts)\/(?!lib\/|es6\/)([\w/]+)$/.exec(specifier)
  return sub === null ? specifier : `${sub[1]}/lib/${sub[2]}.js`
}
const bundlerFile = (specifier) => specifier.replace(/^(fp-ts|io-ts)\/lib\//, '$1/es6/')

/**
 * Where rxjs's CommonJS index takes each of its names from: `{ map: ['operators/map', 'map'] }`.
 * `require('rxjs')` loads all 223 files of rxjs (110-140 ms here, most of the core's start-up);
 * the names the client uses come from 95 of them (40-50 ms).
 */
const rxjsNames = () => {
  const index = createRequire(join(root, 'package.json')).resolve('rxjs')
  const source = readFileSync(index, 'utf8')
  const files = new Map(
    [...source.matchAll(/var (\w+) = require\("\.\/internal\/([\w/]+)"\);/g)].map((m) => [
      m[1],
      m[2],
    ]),
  )
  const names = new Map()
  const getter =
    /Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)\.(\w+); \} \}\);/g
  for (const [, name, variable, exported] of source.matchAll(getter)) {
    const file = files.get(variable)
    if (file !== undefined) names.set(name, [file, exported])
  }
  return names
}

/**
 * In dist/cjs, each `const rxjs_1 = require("rxjs")` becomes an object of the names that file
 * uses, each required from `rxjs/internal/...` (rxjs exports that path; an rxjs whose files
 * moved is loaded whole instead): the same modules, so
 * the same `Observable` class and `config` as an app's own `rxjs`, without loading the rest. A
 * file that uses a name the index does not map keeps its `require("rxjs")`. Bundlers and
 * Node's `import` of dist/browser keep `rxjs` itself (they tree-shake it or need its index).
 */
const requireRxjsByName = (dir, names) => {
  for (const file of walk(dir).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8')
    const fixed = source.replace(
      /(const|var) (\w+) = require\("rxjs"\);/g,
      (whole, kind, variable) => {
        const used = [
          ...new Set(
            [...source.matchAll(new RegExp(`\\b${variable}\\.(\\w+)`, 'g'))].map((m) => m[1]),
          ),
        ]
        if (used.length === 0 || used.some((name) => !names.has(name))) return whole
        const fields = used.map((name) => {
          const [path, exported] = names.get(name)
          return `${name}: require("rxjs/internal/${path}").${exported}`
        })
        // an rxjs 7 whose files moved (the peer range is ^7.8) falls back to its index
        return `${kind} ${variable} = (() => { try { return { ${fields.join(', ')} }; } catch { return require("rxjs"); } })();`
      },
    )
    if (fixed !== source) writeFileSync(file, fixed)
  }
}

/**
 * The core's CommonJS as one file per entry: `dist/cjs/index.js` (the core) and
 * `dist/cjs/node/index.js` (the Node helpers), each one module to find and compile instead of
 * 150, which took half of `require('mistral-batch-rx')` in stat calls and compiling (B10). The
 * Node helpers take the core from its public index, left outside their bundle, so there is one
 * instance of each class (an `InvalidRequestError` of `uploadFile$` is the one the core
 * exports), and the core's entry loads no Node built-in (a bundler that picks `require` for a
 * browser or React Native still can). Peer dependencies and cross-fetch stay outside both. The
 * per-file modules stay beside them, for their source maps and types; nothing loads them.
 */
const bundleCommonJs = async (dist) => {
  const { build: esbuild } = await import('esbuild')
  const src = join(root, 'src')
  const nodeSrc = join(src, 'node')
  const coreIndex = join(src, 'index.ts')
  // From src/node, only the core's index may be imported, and it stays outside the bundle.
  const coreOutside = {
    name: 'core-outside',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (!args.importer.startsWith(nodeSrc)) return undefined
        const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts')
        if (target.startsWith(nodeSrc + sep)) return undefined
        if (target === coreIndex) return { path: '../index.js', external: true }
        return {
          errors: [{ text: `${args.path}: src/node takes the core from '../index.js' only` }],
        }
      })
    },
  }
  for (const [entry, plugins] of [
    ['index', []],
    [join('node', 'index'), [coreOutside]],
  ]) {
    await esbuild({
      entryPoints: [join(src, `${entry}.ts`)],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node18',
      outfile: join(dist, 'cjs', `${entry}.js`),
      allowOverwrite: true,
      sourcemap: true,
      tsconfig: join(root, 'tsconfig.build.json'),
      external: ['rxjs', 'rxjs/*', 'fp-ts', 'fp-ts/*', 'io-ts', 'io-ts/*', 'cross-fetch'],
      plugins,
      logLevel: 'warning',
    })
    requireNamespacesAsIs(join(dist, 'cjs', `${entry}.js`))
  }
}

/**
 * esbuild wraps each `import * as E from 'fp-ts/Either'` of a CommonJS package in `__toESM`, a
 * copy of every export behind a getter, once per importing module: 72 copies of fp-ts/Either
 * and io-ts in the core, about 10 ms of its start-up. The copy only makes a `default` export for
 * a default import, which no module makes of these two (they set `__esModule`): the module
 * itself serves the namespace import the same.
 */
const requireNamespacesAsIs = (file) => {
  const source = readFileSync(file, 'utf8')
  const fixed = source.replace(
    /__toESM\(require\("((?:fp-ts|io-ts)(?:\/[\w/]+)?)"\)\)/g,
    'require("$1")',
  )
  if (fixed !== source) writeFileSync(file, fixed)
}

const CLI = join('packages', 'cli')

/**
 * The CLI's executable as one file: its 49 modules cost 20-30 ms of `mistral-batch --help` to
 * find and compile. Every package stays outside (the core, the queue, commander, cli-progress),
 * and the emulator is still imported only by the commands that start one.
 */
const bundleCliBin = async (dir) => {
  const { build: esbuild } = await import('esbuild')
  await esbuild({
    entryPoints: [join(dir, 'src', 'bin.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: join(dir, 'dist', 'cjs', 'bin.js'),
    sourcemap: true,
    tsconfig: join(dir, 'tsconfig.build.json'),
    packages: 'external',
    logLevel: 'warning',
    allowOverwrite: true,
  })
  requireNamespacesAsIs(join(dir, 'dist', 'cjs', 'bin.js'))
}

/** The core's entry points, each in dist/cjs, dist/esm and dist/browser. */
const CORE_ENTRIES = ['index.js', join('node', 'index.js')]

/**
 * The core's dist/esm (Node's `import`) becomes ES module wrappers of dist/cjs, as Node's docs
 * advise for a dual package: one instance whichever way an app loads it (an `HttpError` of a
 * `require` is `instanceof` the class an `import` sees), and the start-up of `require`. Loaded as
 * 130 ES modules, the core took about 90 ms more to import than to require, and importing
 * rxjs's CommonJS from an ES module (Node resolves it to CommonJS either way) made Node scan some
 * 200 of its files for export names. The wrappers import dist/cjs and re-export its
 * names, listed here from the built module (the import of a CommonJS module has Node read its
 * exports, but of that one file: the core's index re-exports by name, never `export *`). The
 * per-file ES modules stay in dist/browser.
 */
const esmWrappers = (dist) => {
  const esm = join(dist, 'esm')
  for (const file of walk(esm).filter((f) => f.endsWith('.js') || f.endsWith('.js.map'))) {
    rmSync(file)
  }
  for (const entry of CORE_ENTRIES) {
    const cjs = join(dist, 'cjs', entry)
    const names = Object.keys(createRequire(cjs)(cjs)).filter(
      (name) => name !== '__esModule' && name !== 'default',
    )
    const target = join(esm, entry)
    let from = relative(dirname(target), cjs).replaceAll('\\', '/')
    if (!from.startsWith('.')) from = `./${from}`
    // createRequire, not `import cjs from`: Node 20 has its ES module loader take over every
    // require below an imported CommonJS module and lex each for export names (the core's
    // bundle, 92 files of rxjs): 30 ms of B10. Bundlers never come here: the `module` and
    // `browser` conditions send them to dist/browser (spec/package/pack.spec.ts checks).
    writeFileSync(
      target,
      '// The CommonJS build, for import: see esmWrappers in scripts/build.mjs.\n' +
        "import { createRequire } from 'node:module';\n" +
        `const cjs = createRequire(import.meta.url)('${from}');\n` +
        `export const { ${names.join(', ')} } = cjs;\n`,
    )
  }
}

const build = async (dir) => {
  const dist = join(dir, 'dist')
  const project = join(dir, 'tsconfig.build.json')
  const run = (args) =>
    execFileSync(process.execPath, [tsc, '-p', project, ...args], { stdio: 'inherit' })
  rmSync(dist, { recursive: true, force: true })
  run(['--outDir', join(dist, 'cjs')])
  if (dir === root) await bundleCommonJs(dist)
  if (dir === join(root, CLI)) await bundleCliBin(dir)
  requireRxjsByName(join(dist, 'cjs'), rxjsNames())
  run(['--outDir', join(dist, 'esm'), '--module', 'ESNext', '--moduleResolution', 'Bundler'])
  writeFileSync(join(dist, 'cjs', 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n')
  writeFileSync(join(dist, 'esm', 'package.json'), JSON.stringify({ type: 'module' }) + '\n')
  rewriteImports(join(dist, 'esm'), nodeEsmFile)

  const browserFetch = join(dist, 'esm', 'http', 'platformFetch.browser.js')
  if (dir === root) {
    const browser = join(dist, 'browser')
    cpSync(join(dist, 'esm'), browser, {
      recursive: true,
      filter: (path) => !path.endsWith('.d.ts') && !path.includes('platformFetch.browser'),
    })
    rewriteImports(browser, bundlerFile)
    // The browser platformFetch takes the place of the one that imports cross-fetch.
    writeFileSync(
      join(browser, 'http', 'platformFetch.js'),
      readFileSync(browserFetch, 'utf8').replace(
        'platformFetch.browser.js.map',
        'platformFetch.js.map',
      ),
    )
    const map = JSON.parse(readFileSync(`${browserFetch}.map`, 'utf8'))
    writeFileSync(
      join(browser, 'http', 'platformFetch.js.map'),
      JSON.stringify({ ...map, file: 'platformFetch.js' }),
    )
  }
  if (dir === root) esmWrappers(dist)
  // Node's builds keep their own platformFetch; the browser one is of no use there.
  for (const tree of ['cjs', 'esm']) {
    for (const ext of ['.js', '.js.map', '.d.ts']) {
      rmSync(join(dist, tree, 'http', `platformFetch.browser${ext}`), { force: true })
    }
  }
  // Executables keep their shebang from the source; make them runnable.
  for (const file of walk(dist).filter((f) => f.endsWith('bin.js'))) chmodSync(file, 0o755)
}

const only = process.argv[2]
const dirs = only === undefined ? [root, ...WORKSPACES.map((w) => join(root, w))] : [resolve(only)]
for (const dir of dirs) await build(dir)
