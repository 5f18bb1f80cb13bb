// @mistral-batch-rx/angular: the client in an Angular app's providers, and job progress as signals.
export { MISTRAL_BATCH_CLIENT } from './clientToken.js'
export { provideMistralBatch, type MistralBatchConfig } from './provideMistralBatch.js'
export { injectMistralBatch } from './injectMistralBatch.js'
export { jobProgress, type JobProgressOptions, type JobProgressSignal } from './jobProgress.js'
