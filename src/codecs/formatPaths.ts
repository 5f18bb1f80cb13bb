// Turns io-ts errors into readable lines, one per failing path:
// `response.status_code: expected number, got "200"`.
import type * as t from 'io-ts'
import { previewJson } from './previewJson.js'

/** At most this many lines are reported; the rest is summed up in a last line. */
const MAX_LINES = 20

interface Failure {
  readonly path: string
  readonly expected: string
  readonly actual: unknown
}

const isMemberOfCombinator = (parent: t.ContextEntry | undefined): boolean => {
  const tag = (parent?.type as { _tag?: unknown } | undefined)?._tag
  return tag === 'UnionType' || tag === 'IntersectionType'
}

// Union and intersection members add context entries keyed by member index: they are not data
// keys, so they are left out of the path. The expected type is the outermost type at that path,
// so `model: expected (string | null)` rather than two lines, one per union member.
const toFailure = (error: t.ValidationError): Failure => {
  const keys: string[] = []
  let expected = error.context[0]?.type.name ?? 'unknown'
  error.context.forEach((entry, i) => {
    if (i === 0 || isMemberOfCombinator(error.context[i - 1])) return
    keys.push(entry.key)
    expected = entry.type.name
  })
  return { path: keys.join('.'), expected, actual: error.value }
}

// A failure at `response` beside one at `response.status_code` comes from a union whose other
// member did not fit either; the deeper one says what is wrong, so ancestors of a failing path
// are dropped.
const ancestorsOf = (failures: ReadonlyArray<Failure>): ReadonlySet<string> => {
  const ancestors = new Set<string>()
  for (const { path } of failures) {
    if (path === '') continue
    ancestors.add('')
    const keys = path.split('.')
    for (let i = 1; i < keys.length; i++) ancestors.add(keys.slice(0, i).join('.'))
  }
  return ancestors
}

/** One readable line per failing path, `path: expected <type>, got <short JSON>`; `<root>` for the value itself. */
export const formatPaths = (errors: t.Errors): ReadonlyArray<string> => {
  const failures = errors.map(toFailure)
  const ancestors = ancestorsOf(failures)
  const lines = [
    ...new Set(
      failures
        .filter((failure) => !ancestors.has(failure.path))
        .map(
          (f) =>
            `${f.path === '' ? '<root>' : f.path}: expected ${f.expected}, got ${previewJson(f.actual)}`,
        ),
    ),
  ]
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`]
    : lines
}
