// Every way this code writes text into another syntax: Markdown and HTML for the job
// summary, the runner's workflow-command escaping for the log, JSON and URLs. The
// secret masker matches a secret in each of these forms.

const HTML: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;'
}

/** Escapes what would start HTML markup: enough inside <pre>, where quotes are plain text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => HTML[char]!)
}

/** Escapes HTML and Markdown syntax, table pipes included, and flattens newlines. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[&<>"]/g, (char) => HTML[char]!)
    .replace(/[\\`*_{}[\]()#+!|~]/g, (char) => `\\${char}`)
}

/** The runner's escaping of a workflow command's data. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** The runner's escaping of a workflow command's property value. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** The text as it stands inside a JSON string literal. */
export function jsonStringBody(text: string): string {
  return JSON.stringify(text).slice(1, -1)
}

export const ENCODINGS: readonly ((text: string) => string)[] = [
  escapeMarkdown,
  escapeHtml,
  escapeCommandData,
  escapeCommandProperty,
  jsonStringBody,
  encodeURIComponent
]

// C0 and C1 control characters but tab and newline.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** Text safe to print on a terminal: no escape sequences, no carriage returns. */
export function stripControl(text: string): string {
  return text.replace(TERMINAL_CONTROL, '')
}
