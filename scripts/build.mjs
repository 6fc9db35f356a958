// Builds the committed bundles: dist/main, dist/post and dist/cli, minified with
// source maps, after the checks generated from the zod schemas (scripts/gen-checks.mjs).
// `node scripts/build.mjs --out DIR` builds elsewhere (the staleness test).
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { decode, encode } from '@jridgewell/sourcemap-codec'
import { parse } from 'acorn'
import { minify } from 'terser'

const ENTRIES = { main: 'src/entry/main.cjs', post: 'src/entry/post.cjs', cli: 'src/entry/cli.cjs' }
/** The bundles the runner starts in every job, whose start-up is worth a build step. */
const STEPS = new Set(['main', 'post'])
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

/** The module factories of a bundle: the function values of an object keyed by module id. */
function factories(node, found = []) {
  if (node?.type === 'ObjectExpression' && node.properties.length > 0) {
    const modules = node.properties.every(
      (property) =>
        property.type === 'Property' &&
        typeof property.key.value === 'number' &&
        /^(Arrow)?FunctionExpression$/.test(property.value.type)
    )
    if (modules) return [...found, ...node.properties.map((property) => property.value)]
  }
  for (const value of Object.values(node ?? {})) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (typeof child?.type === 'string') found = factories(child, found)
    }
  }
  return found
}

/**
 * Puts each module factory of a step's file in parentheses, V8's sign that a function
 * runs at once: it is then compiled with the file, instead of skimmed then and parsed
 * again in full when it is first called. A step runs the factories of each file it
 * loads, so each is parsed once instead of twice (docs/benchmarks.md). The map's
 * columns move with the code.
 */
function compileEagerly(path) {
  const code = readFileSync(path, 'utf8')
  const map = JSON.parse(readFileSync(`${path}.map`, 'utf8'))
  // undici's chunk, loaded only behind a proxy, has factories that never run.
  if (map.sources.some((source) => source.includes('node_modules'))) return
  const ast = parse(code, { ecmaVersion: 'latest', locations: true })
  const marks = factories(ast).flatMap((fn) => [
    { at: fn.start, line: fn.loc.start.line - 1, column: fn.loc.start.column, text: '(' },
    { at: fn.end, line: fn.loc.end.line - 1, column: fn.loc.end.column, text: ')' }
  ])
  let out = ''
  let from = 0
  for (const mark of [...marks].sort((a, b) => a.at - b.at)) {
    out += code.slice(from, mark.at) + mark.text
    from = mark.at
  }
  writeFileSync(path, out + code.slice(from))
  const lines = decode(map.mappings)
  for (const [index, segments] of lines.entries()) {
    const columns = marks.filter((mark) => mark.line === index).map((mark) => mark.column)
    for (const segment of segments) {
      segment[0] += columns.filter((column) => column <= segment[0]).length
    }
  }
  writeFileSync(`${path}.map`, JSON.stringify({ ...map, mappings: encode(lines) }))
}

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
  if (STEPS.has(name)) {
    for (const file of readdirSync(dir).filter((file) => file.endsWith('.js'))) {
      compileEagerly(join(dir, file))
    }
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
