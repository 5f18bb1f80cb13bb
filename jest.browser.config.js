// The browser test (spec/browser), apart from `jest`: it builds the core and drives Chromium.
const base = require('./jest.config.js')

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/spec/browser'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
  // both specs build dist/ and drive a Chromium: one at a time
  maxWorkers: 1,
}
