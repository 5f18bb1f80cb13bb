// Drives Mistral's official SDK against the emulator (EMULATOR_URL); run by sdkClient.spec.ts in a
// child process because the SDK is ESM-only. Prints one JSON report line; exits non-zero on failure.
import { Mistral } from '@mistralai/mistralai'
import { TextDecoderStream } from 'node:stream/web'
import { TextEncoder } from 'node:util'

const serverURL = process.env.EMULATOR_URL
const client = new Mistral({ apiKey: 'emulator-key', serverURL })
const terminal = new Set(['SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', 'CANCELLED'])

/** Awaits each change of the job on the emulator's long poll until `done` holds, then reads it with the SDK. */
const waitFor = async (jobId, done) => {
  for (let after = -1; ;) {
    const response = await globalThis.fetch(
      `${serverURL}/_emulator/jobs/${jobId}/next?after=${after}`,
    )
    const { version, job } = await response.json()
    if (done(job)) return client.batch.jobs.get({ jobId })
    after = version
  }
}

const main = async () => {
  const requests = Array.from({ length: 25 }, (_, i) =>
    JSON.stringify({
      custom_id: `q${i}`,
      body: { max_tokens: 32, messages: [{ role: 'user', content: `What is ${i} + ${i}?` }] },
    }),
  ).join('\n')
  const uploaded = await client.files.upload({
    file: { fileName: 'sdk-input.jsonl', content: new TextEncoder().encode(requests) },
    purpose: 'batch',
  })
  const retrieved = await client.files.retrieve({ fileId: uploaded.id })
  const files = await client.files.list({
    sampleType: ['batch_request'],
    purpose: 'batch',
    pageSize: 10,
  })

  const job = await client.batch.jobs.create({
    inputFiles: [uploaded.id],
    endpoint: '/v1/chat/completions',
    model: 'mistral-small-latest',
    metadata: { suite: 'sdk' },
    timeoutHours: 2,
  })
  const listed = await client.batch.jobs.list({
    model: 'mistral-small-latest',
    metadata: { suite: 'sdk' },
    status: ['QUEUED', 'RUNNING', 'SUCCESS'],
    createdAfter: new Date(Date.now() - 60_000),
    createdByMe: true,
    orderBy: '-created',
    pageSize: 5,
  })
  const finished = await waitFor(job.id, (j) => terminal.has(j.status))

  const stream = await client.files.download({ fileId: finished.outputFile })
  let text = ''
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) text += chunk
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line))
  const signed = await client.files.getSignedUrl({ fileId: finished.outputFile, expiry: 2 })

  const inline = await client.batch.jobs.create({
    requests: [{ customId: 'inline-1', body: { messages: [{ role: 'user', content: 'hi' }] } }],
    endpoint: '/v1/chat/completions',
  })
  const inlineDone = await waitFor(inline.id, (j) => terminal.has(j.status))
  const inlineWithOutputs = await client.batch.jobs.get({ jobId: inline.id, inline: true })

  const second = await client.batch.jobs.create({
    inputFiles: [uploaded.id],
    endpoint: '/v1/chat/completions',
  })
  const cancelling = await client.batch.jobs.cancel({ jobId: second.id })
  const cancelled = await waitFor(second.id, (j) => terminal.has(j.status))
  const deleted = await client.batch.jobs.delete({ jobId: second.id })
  const deletedFile = await client.files.delete({ fileId: uploaded.id })

  console.log(
    JSON.stringify({
      uploaded: {
        numLines: uploaded.numLines,
        sampleType: uploaded.sampleType,
        purpose: uploaded.purpose,
      },
      retrievedDeleted: retrieved.deleted,
      filesListed: files.data.map((f) => f.id),
      listedIds: listed.data.map((j) => j.id),
      listedTotal: listed.total,
      jobId: job.id,
      uploadedId: uploaded.id,
      finished: {
        status: finished.status,
        totalRequests: finished.totalRequests,
        succeededRequests: finished.succeededRequests,
      },
      customIds: lines.map((line) => line.custom_id).sort(),
      signedUrl: signed.url,
      inline: { status: inlineDone.status, outputs: inlineWithOutputs.outputs?.length ?? null },
      cancelling: cancelling.status,
      cancelled: cancelled.status,
      deleted,
      deletedFile,
    }),
  )
}

main().catch((error) => {
  console.error(error?.constructor?.name, error?.message)
  process.exit(1)
})
