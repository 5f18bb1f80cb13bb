// The file examples of Mistral's own spec, verbatim, for the file codec specs.

/** The upload example: note `bytes: null` against an integer schema. */
export const uploadedFileExample = {
  id: 'e85980c9-409e-4a46-9304-36588f6292b0',
  object: 'file',
  bytes: null,
  created_at: 1759500189,
  filename: 'example.file.jsonl',
  purpose: 'fine-tune',
  sample_type: 'instruct',
  source: 'upload',
  num_lines: 2,
  mimetype: 'application/jsonl',
  signature: 'd4821d2de1917341',
}

/** The retrieve example: the upload example plus `deleted`. */
export const retrievedFileExample = { ...uploadedFileExample, deleted: false }
