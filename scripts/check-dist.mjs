// Checks that the committed dist/ is exactly the build of src/: builds into a temporary
// directory and compares file names and bytes. CI runs it once (.ci/run); it is not
// part of `npm test` because a full build takes half a minute on a small machine.
// `node scripts/check-dist.mjs`: exit 0 when dist/ is current, 1 with the list if not.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

const listed = (dir) => files(dir).map((file) => relative(dir, file))

const out = mkdtempSync(join(tmpdir(), 'sei-dist-'))
try {
  execFileSync(process.execPath, ['scripts/build.mjs', '--out', out], { stdio: 'inherit' })
  const built = new Set(listed(out))
  const committed = new Set(listed('dist'))
  const problems = [
    ...[...built].filter((file) => !committed.has(file)).map((file) => `missing: dist/${file}`),
    ...[...committed].filter((file) => !built.has(file)).map((file) => `extra:   dist/${file}`),
    ...[...built]
      .filter((file) => committed.has(file))
      .filter((file) => !readFileSync(join(out, file)).equals(readFileSync(join('dist', file))))
      .map((file) => `stale:   dist/${file}`)
  ].sort()
  if (problems.length > 0) {
    console.error('dist/ is not the build of src/: run `npm run build` and commit dist/.')
    for (const line of problems) console.error(`  ${line}`)
    process.exitCode = 1
  } else {
    console.log('dist/ is the build of src/.')
  }
} finally {
  rmSync(out, { recursive: true, force: true })
}
