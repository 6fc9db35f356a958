// What `preview --run-id` accepts: a run id, or the address of a run, one of its jobs
// or one of its attempts as the browser shows it, on github.com or a GHES host.

export interface RunReference {
  runId: string
  /** From …/job/ID. */
  jobId?: string
  /** From …/attempts/N. */
  attempt?: number
  /** From an address: OWNER/NAME and the GitHub web address it is on. */
  repository?: string
  serverUrl?: string
}

const RUN_PATH =
  /^\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)(?:\/attempts\/(\d+))?(?:\/jobs?\/(\d+))?\/?$/

/** A run reference, or an error message naming what an address should look like. */
export function parseRunReference(raw: string): RunReference | { error: string } {
  if (!/^[a-z]+:\/\//i.test(raw)) return { runId: raw }
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  const match = url && /^https?:$/.test(url.protocol) ? RUN_PATH.exec(url.pathname) : null
  if (!url || !match) {
    return {
      error: `--run-id is "${raw}", not the address of a workflow run: use its id, or an address such as https://github.com/OWNER/REPO/actions/runs/ID (…/job/ID and …/attempts/N too).`
    }
  }
  const [, owner, repo, runId, attempt, jobId] = match
  return {
    runId: runId!,
    repository: `${owner}/${repo}`,
    serverUrl: url.origin,
    ...(jobId ? { jobId } : {}),
    ...(attempt ? { attempt: Number(attempt) } : {})
  }
}

/** https://github.com → https://api.github.com; https://HOST (GHES) → https://HOST/api/v3. */
export function apiUrlOf(serverUrl: string): string {
  const url = new URL(serverUrl)
  if (url.hostname === 'github.com' || url.hostname.endsWith('.ghe.com')) {
    return `${url.protocol}//api.${url.host}`
  }
  return `${url.origin}/api/v3`
}

/** https://api.github.com → https://github.com; https://HOST/api/v3 → https://HOST. */
export function serverUrlOf(apiUrl: string): string {
  const url = new URL(apiUrl)
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v3$/, '')
  const host = url.host.replace(/^api\./, '')
  return `${url.protocol}//${host}${path}`
}
