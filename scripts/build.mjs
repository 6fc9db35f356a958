// Builds the committed bundles: dist/main, dist/post and dist/cli, minified with
// source maps, after the checks generated from the zod schemas (scripts/gen-checks.mjs).
// `node scripts/build.mjs --out DIR` builds elsewhere (the staleness test).
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { minify } from 'terser'

const ENTRIES = { main: 'src/entry/main.cjs', post: 'src/entry/post.cjs', cli: 'src/entry/cli.cjs' }
const args = process.argv.slice(2)
const outIndex = args.indexOf('--out')
const out = outIndex >= 0 ? args[outIndex + 1] : 'dist'
const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
/** The chunks ncc splits off for dynamic imports (undici, zod, a run's report). */
const CHUNK = /^\d+\.index\.cjs\.js$/

/**
 * ncc's --minify reaches only index.js, not the chunks: they are minified here the way
 * ncc minifies the entry (names kept, no compression), their maps carried through.
 */
async function minifyChunk(dir, file) {
  const path = join(dir, file)
  const code = readFileSync(path, 'utf8')
  const map = readFileSync(`${path}.map`, 'utf8')
  // The same chunk (undici) lands in every bundle: minify it once.
  const key = createHash('sha256').update(file).update(code).update(map).digest('hex')
  if (!minified.has(key)) {
    minified.set(
      key,
      minify(code, {
        compress: false,
        mangle: { keep_classnames: true, keep_fnames: true },
        sourceMap: { content: map, filename: file, url: `${file}.map` }
      })
    )
  }
  const result = await minified.get(key)
  writeFileSync(path, result.code)
  writeFileSync(`${path}.map`, result.map)
}
const minified = new Map()

execFileSync(process.execPath, [join('scripts', 'gen-checks.mjs')], { stdio: 'inherit' })

for (const [name, entry] of Object.entries(ENTRIES)) {
  const dir = join(out, name)
  rmSync(dir, { recursive: true, force: true })
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      entry,
      '-o',
      dir,
      '--minify',
      '--source-map',
      '--no-source-map-register',
      '--quiet',
      '--target',
      'es2022'
    ],
    { stdio: 'inherit' }
  )
  // ncc names a CommonJS bundle index.cjs; the action runs index.js, marked CommonJS.
  renameSync(join(dir, 'index.cjs'), join(dir, 'index.js'))
  renameSync(join(dir, 'index.cjs.map'), join(dir, 'index.js.map'))
  const code = readFileSync(join(dir, 'index.js'), 'utf8')
  writeFileSync(
    join(dir, 'index.js'),
    code.replace('sourceMappingURL=index.cjs.map', 'sourceMappingURL=index.js.map')
  )
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n')
  for (const file of readdirSync(dir).filter((name) => CHUNK.test(name))) {
    await minifyChunk(dir, file)
  }
  // The maps point at src/ and node_modules/ by path; leaving their text out keeps
  // each rebuild of dist/ small in the repository's history.
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.map')) continue
    const map = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    delete map.sourcesContent
    if (map.file === 'index.cjs') map.file = 'index.js'
    writeFileSync(join(dir, file), JSON.stringify(map))
  }
}
