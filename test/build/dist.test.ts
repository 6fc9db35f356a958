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

  // The main step reports a finished run itself, from chunks it loads only then.
  it('keeps the main step free of HTTP clients and zod in job scope', () => {
    const main = readFileSync('dist/main/index.js', 'utf8')
    expect(main).not.toMatch(/undici|zod/)
    const probe = execFileSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(process.cwd(), 'dist/main/index.js'))});` +
          'process.stdout.write(JSON.stringify({ files: Object.keys(require.cache), list: process.moduleLoadList }))'
      ],
      {
        env: {
          PATH: process.env.PATH,
          'INPUT_INSTANCE-GUID': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
          'INPUT_API-KEY': 'sei-key-4k7Q',
          INPUT_SCOPE: 'job'
        },
        encoding: 'utf8'
      }
    )
    const loaded = JSON.parse(probe.slice(probe.lastIndexOf('{"files"'))) as {
      files: string[]
      list: string[]
    }
    expect(loaded.files.map((file) => relative(process.cwd(), file))).toEqual([
      'dist/main/index.js'
    ])
    expect(loaded.list.filter((name) => /\b(https?|tls|zlib|_http_\w+)$/.test(name))).toEqual([])
  })
})
