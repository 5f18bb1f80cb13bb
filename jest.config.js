/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/spec',
    '<rootDir>/packages/emulator/spec',
    '<rootDir>/packages/cli/spec',
    '<rootDir>/packages/angular/spec',
    '<rootDir>/packages/queue/spec',
  ],
  testMatch: ['**/*.spec.ts'],
  // spec/browser needs a Chromium and a fresh build: `npm run test:browser` runs it
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/spec/browser/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    // Every workspace is tested from its sources: a package name maps to its entry's .ts file.
    '^mistral-batch-rx$': '<rootDir>/src/index.ts',
    '^mistral-batch-rx/node$': '<rootDir>/src/node/index.ts',
    '^@mistral-batch-rx/(emulator|cli|angular|queue)$': '<rootDir>/packages/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30000,
}
