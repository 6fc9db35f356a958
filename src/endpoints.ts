// Where SEI lives: the API base of each Harness cluster, or a self-managed URL.
import { isLoopback } from './http/loopback.js'

export const CLUSTERS: Readonly<Record<string, string>> = {
  prod0: 'https://accounts.harness.io/sei/api',
  prod1: 'https://app.harness.io/prod1/sei/api',
  prod2: 'https://app.harness.io/gratis/sei/api',
  prod3: 'https://app3.harness.io/sei/api',
  prod4: 'https://prod4.harness.io/sei/api',
  prod6: 'https://prod6.harness.io/sei/api',
  eu1: 'https://accounts.eu.harness.io/sei/api'
}

export const CLUSTER_NAMES = Object.keys(CLUSTERS)

/**
 * Resolves a cluster name or URL to an API base without a trailing slash.
 * Returns an error message (naming `what`) instead of throwing.
 */
export function resolveApiBase(value: string, what: string): { base: string } | { error: string } {
  const named = CLUSTERS[value.toLowerCase()]
  if (named) return { base: named }
  const hint = `use a cluster name (${CLUSTER_NAMES.join(', ')}) or the https:// URL of your SEI API base`
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return { error: `${what} "${value}" is not a known Harness cluster: ${hint}.` }
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { error: `${what} "${value}" is not a valid URL: ${hint}.` }
  }
  if (url.username || url.password) {
    return { error: `${what} must not carry credentials in the URL: pass the key as api-key.` }
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return {
      error: `${what} "${url.origin}" uses plain http, which would send the API key unencrypted: use https:// (http is allowed only to localhost).`
    }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: `${what} "${value}" uses ${url.protocol.slice(0, -1)}, not https: ${hint}.` }
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1\/custom-cicd$/, '')
  return { base: `${url.origin}${path}` }
}

/** The option that lets the CLI send a GitHub token over plain http to another machine. */
export const INSECURE_HTTP_OPTION = '--allow-insecure-http'

export interface GitHubApiUrlOptions {
  /** Plain http to another machine was asked for explicitly. */
  insecureHttp?: boolean
  /** The option that would allow it, for the message; absent where there is none. */
  optIn?: string
}

/**
 * Checks a GitHub API URL (given as `what`) before any token is sent to it: https, or
 * plain http only to this machine unless asked for. Returns the URL without a trailing
 * slash, or an error message naming `what`.
 */
export function checkGitHubApiUrl(
  value: string,
  what: string,
  options: GitHubApiUrlOptions = {}
): { url: string } | { error: string } {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return { error: `${what} is "${value}", not an http(s) URL` }
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !options.insecureHttp) {
    const allowed = options.optIn ? `localhost, or with ${options.optIn}` : 'localhost'
    return {
      error: `${what} "${url.origin}" uses plain http, which would send the GitHub token unencrypted: use https:// (http is allowed only to ${allowed})`
    }
  }
  return { url: value.replace(/\/+$/, '') }
}
