// The emulator in a child process, so its CPU work does not share the event loop of the client
// being measured; driven through its admin routes (/_emulator/*).
import { spawn } from 'node:child_process'
import * as path from 'node:path'
import { childEnv, emulatorDistDir } from './env.mjs'

const { fetch } = globalThis

// Infinity has no JSON form: it travels as the string "Infinity".
const CHILD_SCRIPT = `
const options = JSON.parse(process.env.EMULATOR_OPTIONS, (_k, v) => (v === 'Infinity' ? Infinity : v))
require(${JSON.stringify(path.join(emulatorDistDir, 'index.js'))})
  .startEmulator(options)
  .then((emulator) => {
    process.stdout.write(emulator.url + '\\n')
    process.on('disconnect', () => emulator.close().then(() => process.exit(0)))
    process.on('SIGTERM', () => emulator.close().then(() => process.exit(0)))
  }, (error) => { console.error(error); process.exit(1) })
`

const adminCall = async (url, method, route, body) => {
  const response = await fetch(`${url}/_emulator/${route}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  })
  if (!response.ok) throw new Error(`${method} /_emulator/${route}: ${response.status}`)
  return response.json()
}

/**
 * Starts `startEmulator(options)` in a child process (with `nodeArgs`, e.g. a bigger heap) and
 * resolves with its URL, admin helpers and `close()`.
 */
export const startEmulatorProcess = (options = {}, nodeArgs = []) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '-e', CHILD_SCRIPT], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: childEnv({
        EMULATOR_OPTIONS: JSON.stringify(options, (_k, v) => (v === Infinity ? 'Infinity' : v)),
      }),
    })
    const onExit = (code) => reject(new Error(`the emulator process exited with ${code}`))
    child.once('exit', onExit)
    child.once('error', reject)
    let output = ''
    child.stdout.on('data', (data) => {
      output += data
      if (!output.includes('\n')) return
      child.off('exit', onExit)
      const url = output.trim()
      resolve({
        url,
        pid: child.pid,
        stats: () => adminCall(url, 'GET', 'stats'),
        requests: async () => (await adminCall(url, 'GET', 'requests')).data,
        clearRequests: () => adminCall(url, 'DELETE', 'requests'),
        faults: () => adminCall(url, 'GET', 'faults'),
        setFaults: (spec) => adminCall(url, 'PUT', 'faults', spec),
        reset: () => adminCall(url, 'POST', 'reset'),
        close: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.disconnect()
          }),
      })
    })
  })
