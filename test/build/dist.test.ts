import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

describe('dist/', () => {
  it('is exactly the build of src/: same files, same bytes', () => {
    const out = mkdtempSync(join(tmpdir(), 'sei-dist-'))
    execFileSync(process.execPath, ['scripts/build.mjs', '--out', out], { stdio: 'pipe' })
    const built = files(out)
      .map((file) => relative(out, file))
      .sort()
    const committed = files('dist')
      .map((file) => relative('dist', file))
      .sort()
    expect(committed).toEqual(built)
    const stale = built.filter(
      (file) => !readFileSync(join(out, file)).equals(readFileSync(join('dist', file)))
    )
    expect(stale).toEqual([])
  }, 180_000)

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
