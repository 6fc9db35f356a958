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
