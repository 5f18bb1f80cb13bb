// The version constant sent in the User-Agent follows package.json.
import { VERSION } from '../src/version.js'
import pkg from '../package.json'

describe('VERSION', () => {
  it('equals the version in package.json', () => {
    expect(VERSION).toBe(pkg.version)
  })
})
