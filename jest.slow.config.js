// The slow suite (__tests__/slow/): the same setup as jest.config.js, over that folder only.
import base from './jest.config.js'

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/__tests__/slow/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/']
}
