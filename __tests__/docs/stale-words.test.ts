// What the workflows say of the README and of Node must stay true: a section they name
// exists, and the Node they run the command line on is one CI tests.
import { readdirSync } from 'node:fs'
import { read } from './markdown.js'

const WORKFLOWS = '.github/workflows'
const workflows = readdirSync(WORKFLOWS)
  .filter((name) => name.endsWith('.yml'))
  .map((name) => ({ name, text: read(`${WORKFLOWS}/${name}`) }))
const headings = [...read('README.md').matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1])

/** The Node lines CI tests on: ci.yml's matrix. */
function testedNodes(): string[] {
  const matrix = /^\s+node: \[([^\]]+)\]$/m.exec(read(`${WORKFLOWS}/ci.yml`))?.[1] ?? ''
  return matrix.split(',').map((version) => version.trim())
}

describe('the words of the workflows', () => {
  it('name only README sections that exist', () => {
    const named = workflows.flatMap(({ name, text }) =>
      [...text.matchAll(/"([^"]+)" in the README/g)].map((m) => ({ name, section: m[1] }))
    )
    expect(named.length).toBeGreaterThan(0)
    for (const { name, section } of named) {
      expect({ name, section, exists: headings.includes(section) }).toEqual({
        name,
        section,
        exists: true
      })
    }
  })

  it('run the command line only on a Node line that CI tests and the README names', () => {
    const tested = testedNodes()
    expect(tested).toEqual(['22', '24'])
    const readme = read('README.md')
    expect(readme).toContain(`tested on ${tested.join(' and ')}`)
    const sync = read(`${WORKFLOWS}/sei-sync.yml`)
    const versions = [...sync.matchAll(/node-version: (\S+)/g)].map((m) => m[1])
    expect(versions.length).toBeGreaterThan(0)
    for (const version of versions) expect(tested).toContain(version)
  })
})
