// Testing your own code against the emulator, in jest: a real server on a free port, faults on demand.
import { either as E } from 'fp-ts'
import { concatMap, firstValueFrom, reduce, type Observable } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { ChatCompletionResponse, createClient, type MistralBatchClient } from '../../src/index.js'

/** The code under test (yours): labels support tickets in one batch job, by ticket id. */
export const labelTickets = (
  client: MistralBatchClient,
  tickets: Readonly<Record<string, string>>,
): Observable<Map<string, string>> =>
  client.files
    .upload$(
      Object.entries(tickets).map(([id, text]) => ({
        custom_id: id,
        body: { messages: [{ role: 'user', content: `Label this ticket: ${text}` }] },
      })),
      { filename: 'tickets.jsonl' },
    )
    .pipe(
      concatMap((file) =>
        client.batch.create$({
          endpoint: '/v1/chat/completions',
          model: 'mistral-small-latest',
          input_files: [file.id],
        }),
      ),
      concatMap((job) =>
        client.batch.results$(job, {
          wait: true,
          watch: { intervalMs: 50 },
          body: ChatCompletionResponse,
        }),
      ),
      reduce((labels, line) => {
        if (E.isRight(line) && !line.right.failed) {
          const content = line.right.response.body.choices[0]?.message?.content
          labels.set(line.right.custom_id ?? '', String(content))
        }
        return labels
      }, new Map<string, string>()),
    )

const tickets = { t1: 'The app crashes on login', t2: 'Please add dark mode', t3: 'Refund?' }

describe('labelTickets, against the emulator', () => {
  let emulator: RunningEmulator
  let client: MistralBatchClient

  beforeAll(async () => {
    // Port 0 picks a free port; a high rate and no queue delay make jobs finish at once.
    emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0 })
    // Tiny retry delays keep a test with faults fast.
    client = createClient({
      apiKey: 'test-key',
      baseUrl: emulator.url,
      retry: { initialDelayMs: 1, maxDelayMs: 10 },
    })
  })
  afterAll(() => emulator.close())
  afterEach(async () => {
    emulator.faults.clear()
    await emulator.reset() // no files, jobs or logged requests carried into the next test
  })

  it('labels every ticket, with one upload and one create', async () => {
    const labels = await firstValueFrom(labelTickets(client, tickets))
    expect([...labels.keys()].sort()).toEqual(['t1', 't2', 't3'])
    const posts = emulator.requests.filter((r) => r.method === 'POST').map((r) => r.path)
    expect(posts).toEqual(['/v1/files', '/v1/batch/jobs'])
  })

  it('survives rate limits, server errors and a download cut in the middle', async () => {
    emulator.faults.set({
      seed: 42, // the same faults on every run
      rules: [
        { route: 'GET /v1/batch/jobs/:id', kind: '429', rate: 0.5, retryAfterSeconds: 0 },
        { route: 'GET /v1/batch/jobs/:id', kind: '503', rate: 0.2 },
        { route: 'GET /v1/files/:id/content', kind: 'reset-mid-body', times: 1 },
      ],
    })
    const labels = await firstValueFrom(labelTickets(client, tickets))
    expect(labels.size).toBe(3)
    expect(emulator.faults.injected.map((f) => f.kind)).toContain('reset-mid-body')
  })
})
