// B12 (issue 15): the cost of checking every body against its endpoint's codec. runBatch$ of
// 1,000,000 chat requests in file mode, from subscribe to the `created` event, with
// validateBodies on and off, from an array (checked whole before the upload) and from a
// generator (checked as the upload streams it); target: on / off at most 1.15 for both.
//
//   node spec/bench/b12-body-validation.mjs [--quick] [--requests 1000000] [--rounds 3]
import { filter, firstValueFrom } from 'rxjs'
import { startEmulatorProcess } from './support/emulatorProcess.mjs'
import { lib, option, quick } from './support/env.mjs'
import { ourClient } from './support/jobs.mjs'
import { benchMain, ratio, rateRow, timeRow } from './support/report.mjs'
import { pairedRatio, timed } from './support/stats.mjs'

const SYSTEM = { role: 'system', content: 'Answer in one short sentence.' }

/** A typical chat request: a system prompt, a question, sampling settings. */
const chatRequest = (i) => ({
  custom_id: `q-${i}`,
  body: {
    max_tokens: 64,
    temperature: 0.2,
    messages: [SYSTEM, { role: 'user', content: `What is the capital of country number ${i}?` }],
  },
})

export const run = async () => {
  const count = Number(option('requests', quick ? 100_000 : 1_000_000))
  const rounds = Number(option('rounds', quick ? 2 : 6))
  // jobs stay queued: the emulator does no model work while the next round runs; one job of all
  // the requests (Mistral's 100,000 a job lifted on both sides), so a run ends at one create
  const emulator = await startEmulatorProcess(
    { queueDelayMs: 3_600_000, maxRequestsPerJob: count },
    ['--max-old-space-size=4096'],
  )
  try {
    const client = ourClient(emulator.url, { timeoutMs: 300_000 })
    const requests = Array.from({ length: count }, (_, i) => chatRequest(i))
    function* generated() {
      for (let i = 0; i < count; i++) yield chatRequest(i)
    }
    const untilCreated = (input, validateBodies) => async () => {
      const { ms, cpuMs, value } = await timed(() =>
        firstValueFrom(
          client
            .runBatch$(input(), {
              job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
              mode: 'file',
              maxRequestsPerJob: count,
              validateBodies,
            })
            .pipe(filter((event) => event.type === 'created')),
        ),
      )
      await emulator.reset()
      return { ms, cpuMs, total: value.shards }
    }
    // per input kind, checked and unchecked side by side in each round, their order swapped
    // every round (A B, B A, ...), so that what one run leaves behind (the emulator deleting the
    // last files, a collection) weighs on both alike
    const samples = {}
    for (const [kind, input] of [
      ['array', () => requests],
      ['generator', generated],
    ]) {
      const pair = [
        [`${kind}, checked`, untilCreated(input, true)],
        [`${kind}, unchecked`, untilCreated(input, false)],
      ]
      for (const [name] of pair) samples[name] = { ms: [], cpuMs: [] }
      for (let round = -1; round < rounds; round++) {
        for (const [name, contender] of round % 2 === 0 ? pair : [...pair].reverse()) {
          globalThis.gc?.()
          const result = await contender()
          if (result.total !== 1) throw new Error(`${name}: ${result.total} shards`)
          if (round < 0) continue
          samples[name].ms.push(result.ms)
          samples[name].cpuMs.push(result.cpuMs)
        }
      }
    }
    // the check alone: the codec's `is` over every body, as the array check runs it (5 passes)
    const { ChatCompletionRequest } = lib('index.js')
    const passes = []
    for (let pass = 0; pass < 5; pass++) {
      const { ms: passMs } = await timed(() => {
        for (const request of requests) {
          if (!ChatCompletionRequest.is(request.body)) throw new Error('a body did not fit')
        }
      })
      passes.push((passMs * 1e6) / count)
    }
    const ms = (name) => samples[name].ms
    const cpu = (name) => samples[name].cpuMs
    return {
      id: 'B12',
      title: 'body validation',
      setup:
        `runBatch$ of ${count.toLocaleString('en-US')} chat requests (file mode) to the created ` +
        `event, validateBodies on and off, ${rounds} rounds of both (order swapped each round) ` +
        'after a warm-up',
      rows: [
        timeRow('array, checked', ms('array, checked')),
        timeRow('array, unchecked', ms('array, unchecked')),
        timeRow('generator, checked', ms('generator, checked')),
        timeRow('generator, unchecked', ms('generator, unchecked')),
        rateRow('array, checked: rate', ms('array, checked'), count, 'req/s'),
        timeRow('the check alone, per body', passes, { unit: 'ns' }),
      ],
      ratios: [
        ratio(
          'checked / unchecked, array',
          pairedRatio(ms('array, checked'), ms('array, unchecked')),
          '<=',
          1.15,
        ),
        ratio(
          'checked / unchecked, generator',
          pairedRatio(ms('generator, checked'), ms('generator, unchecked')),
          '<=',
          1.15,
        ),
        ratio(
          'checked / unchecked, array, CPU time',
          pairedRatio(cpu('array, checked'), cpu('array, unchecked')),
        ),
        ratio(
          'checked / unchecked, generator, CPU time',
          pairedRatio(cpu('generator, checked'), cpu('generator, unchecked')),
        ),
      ],
    }
  } finally {
    await emulator.close()
  }
}

await benchMain(run)
