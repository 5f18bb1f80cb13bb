// Validates emulator responses against Mistral's own OpenAPI extract (an independent check).
import { fixturePath } from './fixtures.js'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const SPEC_PATH = fixturePath('api', 'batch-files.openapi.yaml')

const loadValidator = (): Ajv2020 => {
  // The extract keeps its schemas at the top-level `schemas:` key; point the refs there.
  const text = readFileSync(SPEC_PATH, 'utf8')
  const document = parse(text) as Record<string, unknown>
  const rewritten = JSON.parse(
    JSON.stringify(document).replace(/#\/components\/schemas\//g, 'batch-files#/schemas/'),
  ) as Record<string, unknown>
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addFormat('binary', true)
  ajv.addSchema({ $id: 'batch-files', schemas: rewritten.schemas })
  return ajv
}

const ajv = loadValidator()

/** The ajv errors of `body` against the spec's schema `name`, as text ('' when valid). */
const schemaErrors = (name: string, body: unknown): string => {
  const validate = ajv.getSchema(`batch-files#/schemas/${name}`)
  if (validate === undefined) throw new Error(`no schema ${name} in the spec`)
  return validate(body) ? '' : ajv.errorsText(validate.errors, { dataVar: name })
}

/** Asserts `body` fits the spec's schema `name` (jest shows the ajv errors on failure). */
export const expectSchema = (name: string, body: unknown): void => {
  expect(schemaErrors(name, body)).toBe('')
}
