// A small inline chat job on the emulator, made with the core client outside Angular.
import { firstValueFrom } from 'rxjs'
import type { BatchJob, MistralBatchClient } from 'mistral-batch-rx'

/** Creates an inline job of `count` chat requests and resolves with its first snapshot. */
export const createChatJob = (client: MistralBatchClient, count = 2): Promise<BatchJob> =>
  firstValueFrom(
    client.batch.create$({
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      requests: Array.from({ length: count }, (_, i) => ({
        custom_id: `q${i}`,
        body: { messages: [{ role: 'user', content: `Question ${i}` }] },
      })),
    }),
  )
