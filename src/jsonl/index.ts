// The JSONL layer: bytes to lines for results and downloads, values to JSONL bytes for uploads.
export { splitLines, splitLinesWithInfo, type SplitLine } from './splitLines.js'
export { LineSplitter, type LineHandler } from './lineSplitter.js'
export { encodeJsonl, jsonlChunks, type EncodeJsonlOptions } from './encodeJsonl.js'
export { encodeJsonlLine } from './encodeJsonlLine.js'
export { JsonlEncodeError } from './jsonlEncodeError.js'
export { DEFAULT_CHUNK_BYTES } from './utf8ChunkBuilder.js'
