// Which database a queue command opens, and the passwords of a Postgres URL hidden at once.
import { NEVER } from 'rxjs'
import type { CliIo } from '../../src/CliIo'
import { createCommandContext } from '../../src/CommandContext'
import { queueLocation } from '../../src/queue/queueLocation'
import { CapturedOutput } from '../support/captureOutput'

const contextWith = (env: Record<string, string> = {}, stdout = new CapturedOutput()) => {
  const io: CliIo = {
    stdout,
    stderr: new CapturedOutput(),
    stdin: process.stdin,
    env,
    cwd: '/work/here',
    interrupts: NEVER,
  }
  return createCommandContext(io)
}

const ENV = { MISTRAL_BATCH_QUEUE_POSTGRES: 'postgres://env@db/app' }

describe('queueLocation', () => {
  it('is PGlite in .mistral-batch-queue of the working directory when nothing is given', () => {
    expect(queueLocation(contextWith(), { name: 'default' })).toEqual({
      engine: 'pglite',
      dir: '/work/here/.mistral-batch-queue',
      label: 'PGlite in .mistral-batch-queue',
    })
  })

  it('takes --postgres over the environment, and --data-dir over both', () => {
    const ctx = contextWith(ENV)
    expect(queueLocation(ctx, { name: 'q' })).toMatchObject({ url: 'postgres://env@db/app' })
    expect(queueLocation(ctx, { name: 'q', postgres: 'postgres://flag@db/app' })).toMatchObject({
      engine: 'postgres',
      url: 'postgres://flag@db/app',
      label: 'Postgres at postgres://flag@db/app',
    })
    expect(queueLocation(ctx, { name: 'q', dataDir: '../q' })).toMatchObject({
      engine: 'pglite',
      dir: '/work/q',
    })
    expect(() =>
      queueLocation(ctx, { name: 'q', dataDir: 'd', postgres: 'postgres://db/app' }),
    ).toThrow('give --postgres or --data-dir, not both')
  })

  it('hides the password of the URL, decoded, and of its password parameter', () => {
    const ctx = contextWith()
    queueLocation(ctx, {
      name: 'q',
      postgres: 'postgres://app:p%40ss-word@db/app?password=other-one',
    })
    expect(ctx.secrets).toEqual(['p@ss-word', 'other-one'])
    ctx.io.stdout.write('postgres://app:p%40ss-word@db/app?password=other-one')
    expect((ctx.io.stdout as unknown as { target: CapturedOutput }).target.text).not.toContain(
      'ss-word',
    )
  })

  it('hides all of a URL it cannot read: a password may be anywhere in it', () => {
    const ctx = contextWith()
    queueLocation(ctx, { name: 'q', postgres: 'not a url :secret' })
    expect(ctx.secrets).toEqual(['not a url :secret'])
  })
})
