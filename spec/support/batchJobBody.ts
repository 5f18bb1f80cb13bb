// A BatchJob body as the API returns it, for tests that need a valid job.
import type { BatchJob } from '../../src/codecs/BatchJob.js'

/** A valid job body; `overrides` replace its fields. */
export const batchJobBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: '0b5f5a43-8a5e-4d5b-9f5c-2a3c8f6e1d10',
  object: 'batch',
  input_files: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'],
  metadata: null,
  endpoint: '/v1/chat/completions',
  model: 'mistral-small-latest',
  agent_id: null,
  output_file: null,
  error_file: null,
  errors: [],
  outputs: null,
  status: 'RUNNING',
  created_at: 1_764_000_000,
  total_requests: 10,
  completed_requests: 4,
  succeeded_requests: 4,
  failed_requests: 0,
  started_at: 1_764_000_010,
  completed_at: null,
  ...overrides,
})

/** A finished job (`SUCCESS`) whose output file is `outputFile`; `overrides` replace its fields. */
export const succeededJob = (outputFile: string, overrides: Partial<BatchJob> = {}): BatchJob =>
  batchJobBody({
    status: 'SUCCESS',
    output_file: outputFile,
    completed_at: 1_764_000_100,
    ...overrides,
  }) as BatchJob
