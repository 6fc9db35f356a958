// Reads the inputs and outputs of action.yml. The file keeps to a small part of
// YAML (two-space maps, one-line scalars, quoted or plain), and this reader refuses
// anything else rather than guess.

export interface ActionField {
  name: string
  description: string
  required: boolean
  /** Absent for outputs and for inputs without a default. */
  default?: string
}

export interface ActionMetadata {
  inputs: ActionField[]
  outputs: ActionField[]
}

export function scalar(raw: string, where: string): string {
  const text = raw.trim()
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new Error(`${where}: unterminated '${text}'`)
    return text.slice(1, -1).replace(/''/g, "'")
  }
  if (text.startsWith('"')) return JSON.parse(text) as string
  if (/^[|>]/.test(text)) throw new Error(`${where}: block scalars are not read here`)
  return text.replace(/\s+#.*$/, '')
}

export function parseActionMetadata(text: string): ActionMetadata {
  const metadata: ActionMetadata = { inputs: [], outputs: [] }
  let section: ActionField[] | undefined
  let field: ActionField | undefined
  text.split('\n').forEach((line, index) => {
    const where = `action.yml line ${index + 1}`
    if (line.trim() === '' || line.trim().startsWith('#')) return
    const top = /^([\w-]+):\s*(.*)$/.exec(line)
    if (top) {
      section =
        top[1] === 'inputs' ? metadata.inputs : top[1] === 'outputs' ? metadata.outputs : undefined
      field = undefined
      return
    }
    if (!section) return
    const name = /^ {2}([\w-]+):\s*$/.exec(line)
    if (name) {
      field = { name: name[1]!, description: '', required: false }
      section.push(field)
      return
    }
    const key = /^ {4}([\w-]+):\s*(.*)$/.exec(line)
    if (!key || !field) throw new Error(`${where}: "${line}" is not read here`)
    const value = scalar(key[2]!, where)
    if (key[1] === 'description') field.description = value
    else if (key[1] === 'required') field.required = value === 'true'
    else if (key[1] === 'default') field.default = value
    else throw new Error(`${where}: unknown key ${key[1]}`)
  })
  return metadata
}
