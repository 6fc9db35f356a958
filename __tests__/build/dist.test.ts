import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { decode } from '@jridgewell/sourcemap-codec'
import { parse } from 'acorn'
import { startFakeGitHub, startFakeSei } from '../../scripts/lib/fake-servers.mjs'
import { runAction } from '../../scripts/lib/runner-sim.mjs'
import { GUID, JOB_ID, sampleJob } from '../fixtures/github.js'

// That dist/ is byte for byte the build of src/ is checked once in CI by
// scripts/check-dist.mjs; a rebuild is too slow for every `npm test`.

/** The sources a bundled file was made of, from its source map. */
function sourcesOf(file: string): string[] {
  return (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources
}

/** Where each module factory starts: the function values of an object keyed by module id. */
function factoryStarts(node: unknown): number[] {
  if (typeof node !== 'object' || node === null) return []
  const here = node as {
    type?: string
    properties?: { key?: { value?: unknown }; value?: { type: string; start: number } }[]
  }
  if (
    here.type === 'ObjectExpression' &&
    here.properties!.length > 0 &&
    here.properties!.every(
      (property) =>
        typeof property.key?.value === 'number' &&
        /^(Arrow)?FunctionExpression$/.test(property.value?.type ?? '')
    )
  ) {
    return here.properties!.map((property) => property.value!.start)
  }
  return Object.values(node).flatMap((value) =>
    (Array.isArray(value) ? value : [value]).flatMap((child) => factoryStarts(child))
  )
}

const fromZod = (file: string) =>
  sourcesOf(file).filter((source) => /node_modules\/zod\//.test(source))

describe('dist/', () => {
  /** The files and the built-in modules the main step loads in job scope with `inputs`. */
  function mainStepLoads(inputs: Record<string, string>): { files: string[]; list: string[] } {
    // A script file, not `node -e`: evaluating a string loads node:crypto by itself.
    const script = join(mkdtempSync(join(tmpdir(), 'sei-probe-')), 'probe.cjs')
    writeFileSync(
      script,
      `require(${JSON.stringify(join(process.cwd(), 'dist/main/index.js'))});` +
        "process.on('exit', () => process.stdout.write(JSON.stringify({ files: Object.keys(require.cache), list: process.moduleLoadList })))"
    )
    const probe = execFileSync(process.execPath, [script], {
      env: {
        PATH: process.env.PATH,
        ...Object.fromEntries(
          Object.entries({
            'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
            'api-key': 'sei-key-4k7Q',
            scope: 'job',
            ...inputs
          }).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
        )
      },
      encoding: 'utf8'
    })
    const loaded = JSON.parse(probe.slice(probe.lastIndexOf('{"files"'))) as {
      files: string[]
      list: string[]
    }
    return {
      files: loaded.files
        .filter((file) => file !== script)
        .map((file) => relative(process.cwd(), file)),
      list: loaded.list
    }
  }
  const network = (list: string[]) =>
    list.filter((name) => /\b(https?|tls|zlib|crypto|_http_\w+)$/.test(name))

  // The main step reports a finished run itself, from chunks it loads only then.
  it('keeps the main step free of HTTP clients, crypto and zod in job scope', () => {
    const main = readFileSync('dist/main/index.js', 'utf8')
    expect(main).not.toMatch(/undici|zod/)
    // Inputs left at their defaults need no more than the first file.
    const plain = mainStepLoads({})
    expect(plain.files).toEqual(['dist/main/index.js'])
    expect(plain.list).toContain('NativeModule fs')
    expect(network(plain.list)).toEqual([])
    // An input set to something else loads the full checks, and nothing of the report.
    const set = mainStepLoads({ environment: 'production', 'timeout-seconds': '30' })
    expect(set.files).toHaveLength(2)
    expect(set.files[0]).toBe('dist/main/index.js')
    expect(sourcesOf(set.files[1]!)).toContain('../src/inputs.ts')
    expect(sourcesOf(set.files[1]!)).not.toContain('../src/action/report-step.ts')
    expect(network(set.list)).toEqual([])
  })

  // scripts/build.mjs puts the module factories of the steps' files in parentheses, so
  // that V8 compiles each once, and moves the maps' columns to match.
  it('marks every module factory of the steps for compiling with its file, its map kept true', () => {
    const files = ['dist/main', 'dist/post'].flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.js'))
        .map((name) => join(dir, name))
        .filter((file) => !sourcesOf(file).some((source) => source.includes('node_modules')))
    )
    expect(files).toEqual(expect.arrayContaining(['dist/main/index.js', 'dist/post/index.js']))
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {
        mappings: string
        names: string[]
      }
      const unmarked = factoryStarts(parse(code, { ecmaVersion: 'latest' })).filter(
        (start) => code[start - 1] !== '('
      )
      expect({ file, unmarked }).toEqual({ file, unmarked: [] })
      // Each function keeps its name (the build does not mangle them): the map must name
      // it at the column where it now stands.
      const lines = decode(map.mappings)
      const misplaced: string[] = []
      code.split('\n').forEach((text, line) => {
        for (const found of text.matchAll(/function ([A-Za-z_$][\w$]*)\(/g)) {
          if (found[1] === '__nccwpck_require__') continue
          const column = found.index + 'function '.length
          const segment = lines[line]!.find((item) => item[0] === column)
          if (segment?.length !== 5 || map.names[segment[4]] !== found[1]) misplaced.push(found[1]!)
        }
      })
      expect({ file, misplaced }).toEqual({ file, misplaced: [] })
    }
  })

  it('bundles no zod into the steps: only the CLI has it', () => {
    const js = (dir: string) =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.js'))
        .map((name) => join(dir, name))
    for (const file of [...js('dist/main'), ...js('dist/post')]) {
      expect({ file, zod: fromZod(file) }).toEqual({ file, zod: [] })
    }
    expect(fromZod('dist/cli/index.js').length).toBeGreaterThan(0)
  })

  // The runner starts the post step with nothing but its own bundle; what it loads while
  // it reports a job is every file it requires.
  it('reports a job from the post step: its first requests before the report is loaded, and no zod', async () => {
    const github = await startFakeGitHub({ jobs: [sampleJob()] })
    const sei = await startFakeSei()
    const dir = mkdtempSync(join(tmpdir(), 'sei-dist-probe-'))
    const probe = join(dir, 'probe.cjs')
    // Writes, per step, the files it loaded and, in order, its requests and chunk loads.
    writeFileSync(
      probe,
      [
        "const { writeFileSync } = require('node:fs')",
        "const { basename, dirname } = require('node:path')",
        'const events = []',
        "const http = require('node:http')",
        'const request = http.request',
        'http.request = function (...args) {',
        '  const sent = request.apply(this, args)',
        '  events.push(`request ${sent.method} ${sent.path.split("?")[0]}`)',
        '  return sent',
        '}',
        "const Module = require('node:module')",
        'const load = Module._load',
        'Module._load = function (name, ...rest) {',
        '  if (/\\.index\\.cjs\\.js$/.test(name)) events.push(`load ${basename(name)}`)',
        '  return load.call(this, name, ...rest)',
        '}',
        "process.on('exit', () => {",
        '  const step = basename(dirname(process.argv[1]))',
        `  writeFileSync(${JSON.stringify(dir)} + '/' + step + '.json', JSON.stringify({ files: Object.keys(require.cache), events }))`,
        '})'
      ].join('\n')
    )
    try {
      const run = await runAction({
        inputs: {
          'instance-guid': GUID,
          'api-key': 'sei-key-4k7Q',
          'sei-endpoint': sei.url,
          'job-check-run-id': String(JOB_ID)
        },
        env: { GITHUB_API_URL: github.url, NODE_OPTIONS: `--require ${probe}` }
      })
      expect(run.post.code).toBe(0)
      expect(sei.requests).toHaveLength(1)
      const probed = (step: string) =>
        JSON.parse(readFileSync(join(dir, `${step}.json`), 'utf8')) as {
          files: string[]
          events: string[]
        }
      const loaded = (step: string) =>
        probed(step)
          .files.map((file) => relative(process.cwd(), file))
          .filter((file) => file.startsWith('dist/'))
      const post = loaded('post')
      expect(post[0]).toBe('dist/post/index.js')
      // The report's code is a chunk of its own, loaded once the first requests are out.
      expect(post.length).toBeGreaterThan(1)
      for (const file of post) expect({ file, zod: fromZod(file) }).toEqual({ file, zod: [] })
      const repo = '/repos/octo-org/octo-repo'
      expect(probed('post').events).toEqual([
        `request GET ${repo}/actions/jobs/${JOB_ID}`,
        `request GET ${repo}/deployments`,
        ...post.slice(1).map((file) => `load ${file.split('/').pop()}`),
        'request POST /v1/custom-cicd'
      ])
      expect(loaded('main')).toEqual(['dist/main/index.js'])
    } finally {
      await github.close()
      await sei.close()
    }
  })
})
