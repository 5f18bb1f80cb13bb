// The repository's shared fixtures (the wire contract, real output lines) live in spec/fixtures.
import { join } from 'node:path'

/** The path of `parts` under the root's spec/fixtures. */
export const fixturePath = (...parts: string[]): string =>
  join(__dirname, '..', '..', '..', '..', 'spec', 'fixtures', ...parts)
