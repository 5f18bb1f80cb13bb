// multipartFrame: the exact bytes around the file part, and boundaries that differ each time.
import { multipartFrame, newBoundary } from '../../src/files/multipart.js'

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

describe('multipartFrame', () => {
  it('writes the fields, then the file part headers, then the closing boundary', () => {
    const frame = multipartFrame('B', [['purpose', 'batch']], 'in.jsonl', 'application/jsonl')
    expect(frame.contentType).toBe('multipart/form-data; boundary=B')
    expect(text(frame.head)).toBe(
      '--B\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n' +
        '--B\r\nContent-Disposition: form-data; name="file"; filename="in.jsonl"\r\n' +
        'Content-Type: application/jsonl\r\n\r\n',
    )
    expect(text(frame.tail)).toBe('\r\n--B--\r\n')
  })

  it('escapes quotes and line breaks in the filename as browsers do, and keeps UTF-8', () => {
    const frame = multipartFrame('B', [], 'a "b"\r\nc é.jsonl', 'application/jsonl')
    expect(text(frame.head)).toContain('filename="a %22b%22%0D%0Ac é.jsonl"')
  })

  it('parses back with the platform FormData reader', async () => {
    const frame = multipartFrame(
      newBoundary(),
      [['purpose', 'ocr']],
      'x.jsonl',
      'application/jsonl',
    )
    const body = new Blob([frame.head, 'line\n', frame.tail] as BlobPart[])
    const form = await new Response(body, {
      headers: { 'content-type': frame.contentType },
    }).formData()
    expect(form.get('purpose')).toBe('ocr')
    const file = form.get('file') as File
    expect(file.name).toBe('x.jsonl')
    await expect(file.text()).resolves.toBe('line\n')
  })

  it('makes a new random boundary each time', () => {
    const a = newBoundary()
    expect(a).toMatch(/^mistral-batch-rx-[0-9a-f]{48}$/)
    expect(newBoundary()).not.toBe(a)
  })
})
