// Writes the generated checks (scripts/lib/checks-gen.ts) into src/. The generator and
// the schemas it reads are TypeScript: they are transpiled on the fly, one file at a
// time, into node_modules/.cache, where `zod` and `prettier` resolve.
//   node scripts/gen-checks.mjs [--check]   (--check: fail instead of writing)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, 'node_modules', '.cache', 'checks-gen')
const ENTRY = join(ROOT, 'scripts', 'lib', 'checks-gen.ts')

/** Transpiles `file` and every relative import it reaches, keeping their layout. */
function transpile(file, done = new Set()) {
  if (done.has(file)) return
  done.add(file)
  const text = readFileSync(file, 'utf8')
  const { outputText } = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file
  })
  const target = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js')
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, outputText)
  for (const match of outputText.matchAll(/\bfrom\s+'(\.[^']+)\.js'/g)) {
    transpile(resolve(dirname(file), `${match[1]}.ts`), done)
  }
}

export async function generatedChecks() {
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n')
  transpile(ENTRY)
  const url = pathToFileURL(join(OUT, relative(ROOT, ENTRY)).replace(/\.ts$/, '.js'))
  const { generatedChecks: generate } = await import(url.href)
  return generate()
}

if (process.argv[1] === import.meta.filename) {
  const stale = []
  for (const [file, text] of Object.entries(await generatedChecks())) {
    const path = join(ROOT, file)
    let old = ''
    try {
      old = readFileSync(path, 'utf8')
    } catch {
      // not generated yet
    }
    if (old === text) continue
    stale.push(file)
    if (!process.argv.includes('--check')) writeFileSync(path, text)
  }
  if (stale.length && process.argv.includes('--check')) {
    process.stderr.write(`Generated checks out of date: ${stale.join(', ')}; run npm run build.\n`)
    process.exitCode = 1
  }
}
