// The workflow lines the CLI prints for pasting.

/** The action as a workflow names it (the repository of package.json, major tag). */
export const ACTION_REF = 'sei-cicd-action/sei-cicd-action@v1'

import { DEFAULT_INSTANCE_NAME } from '../defaults.js'

/** What the action reads: the job, its steps and, for cd: auto, the commit's deployments. */
export const PERMISSION_LINES = [
  '    permissions:',
  '      contents: read',
  '      actions: read # the job and its steps',
  '      deployments: read # whether the job deployed (cd: auto)'
]

/** A job's permissions and the step, at a job's indentation, dry run first. */
export function jobLines(guid: string, endpoint: string, instanceName: string): string[] {
  return [
    ...PERMISSION_LINES,
    '    steps:',
    ...stepLines(guid, endpoint, instanceName),
    '          dry-run: true # remove once the job summary looks right'
  ]
}

function stepLines(guid: string, endpoint: string, instanceName: string): string[] {
  const lines = [
    `      - uses: ${ACTION_REF}`,
    '        with:',
    `          instance-guid: ${guid}`,
    '          api-key: ${{ secrets.SEI_API_KEY }}',
    `          sei-endpoint: ${endpoint}`
  ]
  if (instanceName !== DEFAULT_INSTANCE_NAME)
    lines.push(`          instance-name: ${yamlScalar(instanceName)}`)
  return lines
}

/** A YAML plain scalar when that reads back as the same string, else a quoted one. */
export function yamlScalar(text: string): string {
  const plain = /^[A-Za-z0-9][\w .()/-]*$/.test(text) && !/\s$/.test(text)
  return plain ? text : JSON.stringify(text)
}
