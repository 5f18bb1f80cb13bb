// Asks a yes/no question on the terminal; anything but y or yes (or a second Ctrl-C) means no.
import { createInterface } from 'node:readline'
import type { CliIo } from '../CliIo.js'

/** Asks `question` (with ` [y/N] ` appended) and resolves true only for `y` or `yes`. */
export const askYesNo = (io: CliIo, question: string): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const prompt = createInterface({
      input: io.stdin,
      output: io.stderr as NodeJS.WritableStream,
      terminal: true,
    })
    let settled = false
    const settle = (answer: boolean) => {
      if (settled) return
      settled = true
      prompt.close()
      resolve(answer)
    }
    // On a terminal readline takes Ctrl-C itself: a second one answers no.
    prompt.on('SIGINT', () => settle(false))
    prompt.on('close', () => settle(false))
    prompt.question(`${question} [y/N] `, (answer) => settle(/^y(es)?$/i.test(answer.trim())))
  })
