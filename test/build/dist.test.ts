import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

// That dist/ is byte for byte the build of src/ is checked once in CI by
// scripts/check-dist.mjs; a rebuild is too slow for every `npm test`.

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

describe('dist/', () => {
  it('keeps the main step free of HTTP clients and zod', () => {
    const main = readFileSync('dist/main/index.js', 'utf8')
    expect(main).not.toMatch(/undici|node:https?"|"https?"|zod/)
    expect(
      files('dist/main')
        .map((f) => relative('dist/main', f))
        .sort()
    ).toEqual(['index.js', 'index.js.map', 'package.json'])
  })
})
