import { readFileSync } from 'node:fs'
import { VERSION } from '../../src/cli/version.js'

describe('the version the CLI prints', () => {
  it('is package.json’s', () => {
    expect(VERSION).toBe(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
    )
  })
})
