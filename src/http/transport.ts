// One HTTP request at a time, over node:http(s) directly. undici is loaded only when
// a proxy variable is set (its EnvHttpProxyAgent honours HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY): loading and warming undici costs more than the rest of the post step.
import { ExplainedError } from '../errors.js'
import type { Agent as HttpAgent } from 'node:http'

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>
  close(): Promise<void>
}

/** A request that got no answer: refused, reset, timed out, DNS… */
export class TransportError extends Error {
  override name = 'TransportError'
  constructor(
    message: string,
    readonly code: string
  ) {
    super(message)
  }
}

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']

export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARS.some((name) => (env[name] ?? '') !== '')
}

/** Passwords in proxy URLs (http://user:password@proxy), to be masked like the key. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export function proxySecrets(env: NodeJS.ProcessEnv): string[] {
  const secrets: string[] = []
  for (const name of PROXY_VARS) {
    try {
      const password = new URL(env[name] ?? '').password
      if (password) secrets.push(password, decoded(password))
    } catch {
      // not a URL: createTransport says so, naming the variable
    }
  }
  return secrets
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

function describe(cause: unknown): TransportError {
  if (cause instanceof TransportError) return cause
  const error = cause as NodeJS.ErrnoException
  const code = error.code ?? 'ERR_NETWORK'
  return new TransportError(`${code}${error.message ? `: ${error.message}` : ''}`, code)
}

function directTransport(): Transport {
  const agents = new Map<string, HttpAgent>()
  async function agentFor(
    protocol: string
  ): Promise<{ agent: HttpAgent; request: typeof import('node:http').request }> {
    const module = protocol === 'https:' ? await import('node:https') : await import('node:http')
    let agent = agents.get(protocol)
    if (!agent) {
      agent = new module.Agent({ keepAlive: true, maxSockets: 4 })
      agents.set(protocol, agent)
    }
    return { agent, request: module.request }
  }
  return {
    async send(request) {
      const url = new URL(request.url)
      const { agent, request: start } = await agentFor(url.protocol)
      return new Promise<HttpResponse>((resolve, reject) => {
        const headers: Record<string, string> = { ...request.headers }
        if (request.body !== undefined)
          headers['content-length'] = String(Buffer.byteLength(request.body))
        const req = start(url, { method: request.method, headers, agent }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', (cause) => {
            clearTimeout(timer)
            reject(describe(cause))
          })
          res.on('aborted', () => clearTimeout(timer))
          res.on('end', () => {
            clearTimeout(timer)
            resolve({
              status: res.statusCode ?? 0,
              headers: flatHeaders(res.headers),
              body: Buffer.concat(chunks).toString('utf8')
            })
          })
        })
        const timer = setTimeout(() => {
          req.destroy(
            new TransportError(
              `no answer within ${Math.round(request.timeoutMs / 1000)} s`,
              'ETIMEDOUT'
            )
          )
        }, request.timeoutMs)
        req.on('error', (cause) => {
          clearTimeout(timer)
          reject(describe(cause))
        })
        req.end(request.body)
      })
    },
    async close() {
      for (const agent of agents.values()) agent.destroy()
      agents.clear()
    }
  }
}

async function proxyTransport(): Promise<Transport> {
  const undici = await import('undici')
  const dispatcher = new undici.EnvHttpProxyAgent()
  return {
    async send(request) {
      try {
        const res = await undici.request(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          dispatcher,
          headersTimeout: request.timeoutMs,
          bodyTimeout: request.timeoutMs,
          signal: AbortSignal.timeout(request.timeoutMs)
        })
        return {
          status: res.statusCode,
          headers: flatHeaders(res.headers),
          body: await res.body.text()
        }
      } catch (cause) {
        const error = cause as Error
        if (error.name === 'TimeoutError' || error.name === 'AbortError') {
          throw new TransportError(
            `no answer within ${Math.round(request.timeoutMs / 1000)} s`,
            'ETIMEDOUT'
          )
        }
        throw describe((error as { cause?: unknown }).cause ?? error)
      }
    },
    async close() {
      await dispatcher.destroy()
    }
  }
}

/** A proxy variable that is not a URL; the message names the variable, never its value. */
export class ProxyConfigError extends ExplainedError {
  override name = 'ProxyConfigError'
}

function checkProxyVariables(env: NodeJS.ProcessEnv): void {
  for (const name of PROXY_VARS) {
    const value = env[name] ?? ''
    if (value === '') continue
    let url: URL | undefined
    try {
      url = new URL(value)
    } catch {
      url = undefined
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.hostname === '') {
      throw new ProxyConfigError(
        `${name} is set but is not a proxy URL such as http://proxy.example:3128: correct or unset it.`
      )
    }
  }
}

export async function createTransport(env: NodeJS.ProcessEnv = process.env): Promise<Transport> {
  checkProxyVariables(env)
  return proxyConfigured(env) ? proxyTransport() : directTransport()
}
