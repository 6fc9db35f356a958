/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^\\.\\./(workflow|action)-v1\\.0\\.min\\.json$':
      '<rootDir>/__tests__/support/parser-schemas/$1.cjs',
    '^(\\.{1,2}/.*)\\.js$': '$1'
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // __tests__/slow/ waits on real time the product must take (signal windows, Retry-After,
  // rate-limit resets) or replays long histories: `npm run test:slow`, once in CI.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/slow/'],
  // Most test time is spent waiting on child processes and loopback servers, not on
  // the CPU: three workers keep a 2-core machine busy where Jest's default would use one.
  maxWorkers: 3,
  // A worker on a busy shared machine may need more than Jest's half second to exit
  // after its last end-to-end file; --detectOpenHandles finds nothing left open. A handle
  // that really leaks keeps a worker alive for good and is still reported.
  workerGracefulExitTimeout: 3000,
  testTimeout: 30000
}
