// Every enum the codecs know is the wire contract's own list, in its order: none missing or extra.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { API_ENDPOINTS } from '../../src/codecs/ApiEndpoint.js'
import { BATCH_JOB_STATUSES } from '../../src/codecs/BatchJobStatus.js'
import { FILE_PURPOSES } from '../../src/codecs/FilePurpose.js'
import { FILE_SOURCES } from '../../src/codecs/FileSource.js'
import { FILE_VISIBILITIES } from '../../src/codecs/FileVisibility.js'
import { SAMPLE_TYPES } from '../../src/codecs/SampleType.js'

const contract = parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'api', 'batch-files.openapi.yaml'), 'utf8'),
) as { schemas: Record<string, { enum?: string[] }> }

const enumOf = (schema: string): string[] | undefined => contract.schemas[schema]?.enum

describe('the codecs enums', () => {
  it.each<[string, ReadonlyArray<string>]>([
    ['BatchJobStatus', BATCH_JOB_STATUSES],
    ['ApiEndpoint', API_ENDPOINTS],
    ['FilePurpose', FILE_PURPOSES],
    ['SampleType', SAMPLE_TYPES],
    ['Source', FILE_SOURCES],
    ['FileVisibility', FILE_VISIBILITIES],
  ])("equal the contract's %s", (schema, known) => {
    expect(enumOf(schema)).toBeDefined()
    expect([...known]).toEqual(enumOf(schema))
  })
})
