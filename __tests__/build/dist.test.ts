import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

// That dist/ is byte for byte the build of src/ is checked once in CI by
// scripts/check-dist.mjs; a rebuild is too slow for every `npm test`.

describe('dist/', () => {
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
