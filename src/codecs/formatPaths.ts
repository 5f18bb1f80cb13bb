// Turns io-ts errors into readable lines, one per failing path:
// `response.status_code: expected number, got "200"`.
import type * as t from 'io-ts'
import { previewJson } from './previewJson.js'

/** At most this many lines are reported; the rest is summed up in a last line. */
const MAX_LINES = 20

/** A failing path: where (its keys, dot-joined or in JavaScript form), what was expected, what came. */
export interface PathFailure {
  /** `messages.0.role`: the keys joined by dots. */
  readonly path: string
  /** `messages[0].role`: array indexes in brackets, as the value would be read in JavaScript. */
  readonly jsPath: string
  readonly expected: string
  readonly actual: unknown
}

// A tagged union (`TaggedUnionType`) adds an entry for the member it picked, as a union does;
// only its `tags` entry (the discriminator key itself) is a data key.
const isMemberOfCombinator = (
  parent: t.ContextEntry | undefined,
  entry: t.ContextEntry,
): boolean => {
  const type = parent?.type as { _tag?: unknown; tags?: unknown } | undefined
  const tag = type?._tag
  return (
    tag === 'UnionType' ||
    tag === 'IntersectionType' ||
    (tag === 'TaggedUnionType' && entry.type !== type?.tags)
  )
}

const isArrayType = (parent: t.ContextEntry | undefined): boolean => {
  const tag = (parent?.type as { _tag?: unknown } | undefined)?._tag
  return tag === 'ArrayType' || tag === 'ReadonlyArrayType'
}

// Union and intersection members add context entries keyed by member index: they are not data
// keys, so they are left out of the path (and so are the member entries of a tagged union). The expected type is the outermost type at that path,
// so `model: expected (string | null)` rather than two lines, one per union member.
const toFailure = (error: t.ValidationError): PathFailure => {
  const keys: string[] = []
  let jsPath = ''
  let expected = error.context[0]?.type.name ?? 'unknown'
  error.context.forEach((entry, i) => {
    const parent = error.context[i - 1]
    if (i === 0 || isMemberOfCombinator(parent, entry)) return
    keys.push(entry.key)
    jsPath += isArrayType(parent) ? `[${entry.key}]` : jsPath === '' ? entry.key : `.${entry.key}`
    expected = entry.type.name
  })
  return { path: keys.join('.'), jsPath, expected, actual: error.value }
}

// A failure at `response` beside one at `response.status_code` comes from a union whose other
// member did not fit either; the deeper one says what is wrong, so ancestors of a failing path
// are dropped.
const ancestorsOf = (failures: ReadonlyArray<PathFailure>): ReadonlySet<string> => {
  const ancestors = new Set<string>()
  for (const { path } of failures) {
    if (path === '') continue
    ancestors.add('')
    const keys = path.split('.')
    for (let i = 1; i < keys.length; i++) ancestors.add(keys.slice(0, i).join('.'))
  }
  return ancestors
}

/** The failing paths of `errors`, each once and without the ancestors of a deeper one, in order. */
export const pathFailures = (errors: t.Errors): ReadonlyArray<PathFailure> => {
  const failures = errors.map(toFailure)
  const ancestors = ancestorsOf(failures)
  return failures.filter((failure) => !ancestors.has(failure.path))
}

/** One readable line per failing path, `path: expected <type>, got <short JSON>`; `<root>` for the value itself. */
export const formatPaths = (errors: t.Errors): ReadonlyArray<string> => {
  const lines = [
    ...new Set(
      pathFailures(errors).map(
        (f) =>
          `${f.path === '' ? '<root>' : f.path}: expected ${f.expected}, got ${previewJson(f.actual)}`,
      ),
    ),
  ]
  return cappedLines(lines)
}

/** `lines`, at most 20 of them, the rest summed up in a last line. */
const cappedLines = (lines: ReadonlyArray<string>): ReadonlyArray<string> =>
  lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`]
    : lines
