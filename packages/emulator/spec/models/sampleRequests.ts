// Test fixtures: a valid request body for each of the ten endpoints, and a variant with other content.

/** One valid body per endpoint, as a batch line would carry it (model left to the job). */
export const SAMPLE_BODIES: Readonly<Record<string, Record<string, unknown>>> = {
  '/v1/chat/completions': {
    max_tokens: 100,
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'What is the best French cheese?' },
    ],
  },
  '/v1/embeddings': { input: ['Embed this sentence.', 'As well as this one.'] },
  '/v1/fim/completions': { prompt: 'def add(a, b):', suffix: 'return result' },
  '/v1/moderations': { input: ['Hello there', 'Have a nice day'] },
  '/v1/chat/moderations': {
    input: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello, how can I help?' },
    ],
  },
  '/v1/ocr': { document: { type: 'document_url', document_url: 'https://example.com/a.pdf' } },
  '/v1/classifications': { input: 'I love this product' },
  '/v1/chat/classifications': {
    input: [{ messages: [{ role: 'user', content: 'This is great' }] }],
  },
  '/v1/conversations': { inputs: 'Tell me a joke about batches.' },
  '/v1/audio/transcriptions': {
    file_url: 'https://example.com/speech.mp3',
    timestamp_granularities: ['segment'],
  },
}

/** Bodies with other content than SAMPLE_BODIES, for "different input, different answer". */
export const OTHER_BODIES: Readonly<Record<string, Record<string, unknown>>> = {
  '/v1/chat/completions': { messages: [{ role: 'user', content: 'What is the best wine?' }] },
  '/v1/embeddings': { input: ['Something else entirely.', 'As well as this one.'] },
  '/v1/fim/completions': { prompt: 'def multiply(a, b):' },
  '/v1/moderations': { input: ['A different text'] },
  '/v1/chat/moderations': { input: [{ role: 'user', content: 'Bye' }] },
  '/v1/ocr': { document: { type: 'image_url', image_url: 'https://example.com/b.png' } },
  '/v1/classifications': { input: 'I hate waiting' },
  '/v1/chat/classifications': { input: { messages: [{ role: 'user', content: 'Meh' }] } },
  '/v1/conversations': {
    inputs: [{ role: 'user', content: 'Another question', object: 'entry', type: 'message.input' }],
  },
  '/v1/audio/transcriptions': { file_id: '3f1c2a4e-0000-4000-8000-000000000000' },
}

/** Bodies using the options the fake models honour, whose answers must fit the schemas too. */
export const OPTION_VARIANTS: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  '/v1/chat/completions': [
    { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], n: 3, max_tokens: 5 },
    { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 0 },
    { messages: [{ role: 'user', content: 'JSON' }], response_format: { type: 'json_object' } },
  ],
  '/v1/embeddings': [
    { input: 'one text', output_dimension: 256 },
    { input: ['a', 'b', 'c'], output_dtype: 'int8' },
    { input: 'bits', output_dtype: 'binary', output_dimension: 64 },
    { input: 'bytes', output_dtype: 'ubinary' },
    { input: 'unsigned', output_dtype: 'uint8' },
  ],
  '/v1/fim/completions': [{ prompt: 'x = ', max_tokens: 3, min_tokens: 1 }],
  '/v1/moderations': [{ input: 'I will kill the process with a weapon' }],
  '/v1/chat/moderations': [
    {
      input: [
        [{ role: 'user', content: 'First conversation' }],
        [{ role: 'user', content: 'Second conversation' }],
      ],
    },
  ],
  '/v1/ocr': [
    {
      document: { type: 'file', file_id: '3f1c2a4e-0000-4000-8000-000000000000' },
      pages: [0, 2],
      confidence_scores_granularity: 'word',
    },
    {
      document: { type: 'image_url', image_url: { url: 'https://example.com/c.png' } },
      include_blocks: true,
      confidence_scores_granularity: 'block',
    },
    {
      document: { type: 'document_url', document_url: 'https://example.com/d.pdf' },
      pages: '0,3-5',
      include_blocks: false,
      confidence_scores_granularity: 'page',
    },
  ],
  '/v1/classifications': [{ input: ['good', 'bad', 'ugly'] }],
  '/v1/chat/classifications': [
    {
      input: [
        { messages: [{ role: 'user', content: 'One' }] },
        { messages: [{ role: 'user', content: 'Two' }] },
      ],
    },
  ],
  '/v1/conversations': [
    { inputs: 'Hello', instructions: 'Be brief.', agent_id: 'ag_123', model: null },
  ],
  '/v1/audio/transcriptions': [
    { file: 'UklGRg==', language: 'fr', timestamp_granularities: ['word'] },
    { file_url: 'https://example.com/e.mp3', language: null },
  ],
}
