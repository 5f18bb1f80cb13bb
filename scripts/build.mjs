// Builds dist/: CommonJS (dist/cjs) and ES modules (dist/esm), each with its type declarations.
// Two tsc runs over the same sources; a package.json marker in each folder tells Node the format.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs'
import { join } from 'node:path'

const tsc = join('node_modules', 'typescript', 'bin', 'tsc')
const run = (args) =>
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...args], { stdio: 'inherit' })

rmSync('dist', { recursive: true, force: true })
run(['--outDir', 'dist/cjs'])
run(['--outDir', 'dist/esm', '--module', 'ESNext', '--moduleResolution', 'Bundler'])

writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\n')
writeFileSync('dist/esm/package.json', JSON.stringify({ type: 'module' }) + '\n')

// fp-ts and io-ts have no `exports` map: Node's ESM loader cannot resolve `fp-ts/Either`
// (a folder), so the ESM build names the file itself.
const subpath = /(from\s+|import\()(['"])(fp-ts|io-ts)\/(?!lib\/)([\w/]+)\2/g
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
for (const file of walk('dist/esm').filter((f) => f.endsWith('.js'))) {
  const source = readFileSync(file, 'utf8')
  const fixed = source.replace(
    subpath,
    (_m, pre, q, pkg, sub) => `${pre}${q}${pkg}/lib/${sub}.js${q}`,
  )
  if (fixed !== source) writeFileSync(file, fixed)
}

// Executables keep their shebang from the source; make them runnable.
for (const file of walk('dist').filter((f) => f.endsWith('bin.js'))) chmodSync(file, 0o755)
