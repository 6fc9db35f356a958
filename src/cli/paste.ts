// The workflow lines the CLI prints for pasting.

/** The action as a workflow names it (the repository of package.json, major tag). */
export const ACTION_REF = 'sei-cicd-action/sei-cicd-action@v1'

import { DEFAULT_INSTANCE_NAME } from '../defaults.js'

export function stepLines(guid: string, endpoint: string, instanceName: string): string[] {
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
