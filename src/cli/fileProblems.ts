// What went wrong with a file, from a Node system error, in the words every CLI message uses.

/** The parts of a Node system error (`ENOENT` and the path) that a message needs. */
export interface SystemError {
  readonly code: string
  readonly path?: string
}

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
}

/** The code and path of a Node system error, or undefined for anything else. */
export const systemErrorOf = (error: unknown): SystemError | undefined => {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, path } = error as { code?: unknown; path?: unknown }
  if (typeof code !== 'string') return undefined
  return typeof path === 'string' ? { code, path } : { code }
}

/** `no such file` for `ENOENT` and the like; undefined for a code that is not about a file. */
export const fileProblem = (code: string): string | undefined => FILE_PROBLEMS[code]
