// One HTTP request at a time, over node:http(s) directly. undici is loaded only when
// a proxy variable is set (its EnvHttpProxyAgent honours HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY): loading and warming undici costs more than the rest of the post step.
import { ExplainedError } from '../errors.js'
import type { Agent as HttpAgent } from 'node:http'
import type { Socket } from 'node:net'
import { isLoopback } from './loopback.js'

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
  /**
   * Settles once every request sent so far has left: written to its connection, or
   * failed. A step that has CPU work to do while it waits does it after this, so that
   * the work does not hold a request back.
   */
  flushed?(): Promise<void>
  /**
   * Opens one more connection (TCP, and TLS for https) to the origin of `url`, for a
   * request there, so that its handshake happens while other work is done: one call per
   * request that will go out at the same time. A failure is silent: the request then
   * connects on its own and tells its error.
   */
  preconnect?(url: string): void
}

/** A request that got no answer: refused, reset, timed out, DNS… */
export class TransportError extends Error {
  override name = 'TransportError'
  /** The request never reached a server that could act on it (refused, no such host, TLS). */
  readonly unsent: boolean
  /** Trying again within seconds cannot help: nothing listens, the host does not exist, TLS. */
  readonly final: boolean
  constructor(
    message: string,
    readonly code: string,
    how: { unsent?: boolean; final?: boolean } = {}
  ) {
    super(message)
    this.unsent = how.unsent ?? false
    this.final = how.final ?? false
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
    // Most runners set none: an empty value is no URL, and a thrown error costs time.
    if (!env[name]) continue
    try {
      const password = new URL(env[name]).password
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

// OpenSSL's words for a TLS handshake answered by something that is not TLS.
const NOT_TLS = /wrong version number|packet length too long|unknown protocol|http request/i
const CERTIFICATE_CODES = /^(ERR_TLS_CERT|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY))/

/** One line for a failed request, in words, with whether it was sent and is worth a retry. */
export function describeFailure(cause: unknown, url: URL): TransportError {
  if (cause instanceof TransportError) return cause
  const error = cause as NodeJS.ErrnoException
  const code = error.code ?? 'ERR_NETWORK'
  const firstLine = (error.message ?? '').split('\n')[0]!.trim()
  const where = url.host
  if ((code === 'EPROTO' || code.startsWith('ERR_SSL')) && NOT_TLS.test(error.message ?? '')) {
    return new TransportError(
      `${where} does not speak TLS: it answered the https:// request in plain text; check the scheme and port of the URL`,
      'ENOTTLS',
      { unsent: true, final: true }
    )
  }
  if (CERTIFICATE_CODES.test(code)) {
    return new TransportError(
      `the TLS certificate of ${where} was not accepted (${code}); if it is signed by your own CA, point NODE_EXTRA_CA_CERTS at its certificate`,
      code,
      { unsent: true, final: true }
    )
  }
  if (code === 'ECONNREFUSED') {
    const loopback = isLoopback(url.hostname)
    return new TransportError(
      `${where} refused the connection${loopback ? ': nothing listens on that port' : ''}`,
      code,
      { unsent: true, final: loopback }
    )
  }
  if (code === 'ENOTFOUND') {
    return new TransportError(`no such host: ${url.hostname} (ENOTFOUND)`, code, {
      unsent: true,
      final: true
    })
  }
  if (code === 'EAI_AGAIN') {
    return new TransportError(`could not look up ${url.hostname} (EAI_AGAIN)`, code, {
      unsent: true
    })
  }
  return new TransportError(`${code}${firstLine ? `: ${firstLine}` : ''}`, code)
}

/**
 * A pre-opened connection is handed to the first request to its origin, if it is still
 * open and young: a server may close a connection that carries no request, and one
 * closed as the request goes out would fail it.
 */
export const PRECONNECT_FRESH_MS = 4000

/** The host without an IPv6 address's brackets, and the port with its scheme's default. */
function endpoint(
  protocol: string,
  host: string,
  port: string | number | undefined
): { host: string; port: number } {
  return {
    host: host.replace(/^\[|\]$/g, ''),
    port: Number(port) || (protocol === 'https:' ? 443 : 80)
  }
}

/** `protocol//host:port` as an agent's connection options name them. */
function originKey(protocol: string, host: string, port: string | number | undefined): string {
  const at = endpoint(protocol, host, port)
  return `${protocol}//${at.host}:${at.port}`
}

interface Opened {
  socket: Socket
  at: number
}

function directTransport(): Transport {
  const agents = new Map<string, HttpAgent>()
  /** Connections opened ahead of requests, by origin, oldest first. */
  const opened = new Map<string, Opened[]>()
  /** One promise per request that has not yet left, settled when it has. */
  const leaving = new Set<Promise<void>>()
  /** Settles once the connections asked for so far are registered in `opened`. */
  let registering: Promise<void> = Promise.resolve()

  function takeOpened(key: string): Socket | undefined {
    for (let ready = opened.get(key)?.shift(); ready; ready = opened.get(key)?.shift()) {
      const usable =
        !ready.socket.destroyed &&
        ready.socket.readyState !== 'closed' &&
        Date.now() - ready.at < PRECONNECT_FRESH_MS
      if (usable) return ready.socket
      ready.socket.destroy()
    }
    return undefined
  }

  async function agentFor(
    protocol: string
  ): Promise<{ agent: HttpAgent; request: typeof import('node:http').request }> {
    const module = protocol === 'https:' ? await import('node:https') : await import('node:http')
    let agent = agents.get(protocol)
    if (!agent) {
      const made = new module.Agent({ keepAlive: true, maxSockets: 4 })
      const connect = made.createConnection.bind(made) as (...args: unknown[]) => unknown
      made.createConnection = ((options: { host?: string; port?: number }, ...rest: unknown[]) =>
        takeOpened(originKey(protocol, options.host ?? 'localhost', options.port)) ??
        connect(options, ...rest)) as typeof made.createConnection
      agent = made
      agents.set(protocol, agent)
    }
    return { agent, request: module.request }
  }

  /** A promise for one request's leaving, and the function that settles it. */
  function track(): () => void {
    let left!: () => void
    const gone = new Promise<void>((resolve) => (left = resolve))
    leaving.add(gone)
    void gone.then(() => leaving.delete(gone))
    return left
  }

  return {
    async send(request) {
      const left = track()
      try {
        await registering
        return await sendDirect(request, agentFor, left)
      } finally {
        left()
      }
    },
    async flushed() {
      await Promise.all([...leaving])
    },
    preconnect(url) {
      let target: URL
      try {
        target = new URL(url)
      } catch {
        return
      }
      if (!/^https?:$/.test(target.protocol)) return
      const key = originKey(target.protocol, target.hostname, target.port)
      // The connection opens before the HTTP stack loads, and requests wait for it to be
      // registered (a few microtasks), so that the next one to the origin finds it.
      const opening = (async () => {
        const { host, port } = endpoint(target.protocol, target.hostname, target.port)
        const net = await import('node:net')
        // Node's https agent sends no server name for an IP address; neither does this.
        const servername = net.isIP(host) ? undefined : host
        const socket =
          target.protocol === 'https:'
            ? (await import('node:tls')).connect({ host, port, servername })
            : net.connect({ host, port })
        socket.on('error', () => undefined)
        socket.setNoDelay(true)
        opened.set(key, [...(opened.get(key) ?? []), { socket, at: Date.now() }])
      })().catch(() => undefined)
      registering = registering.then(() => opening)
    },
    async close() {
      for (const { socket } of [...opened.values()].flat()) socket.destroy()
      opened.clear()
      for (const agent of agents.values()) agent.destroy()
      agents.clear()
    }
  }
}

type AgentFor = (
  protocol: string
) => Promise<{ agent: HttpAgent; request: typeof import('node:http').request }>

async function sendDirect(
  request: HttpRequest,
  agentFor: AgentFor,
  left: () => void
): Promise<HttpResponse> {
  const url = new URL(request.url)
  const { agent, request: start } = await agentFor(url.protocol)
  return new Promise<HttpResponse>((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers }
    if (request.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(request.body))
    const req = start(url, { method: request.method, headers, agent }, (res) => {
      left()
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', (cause) => {
        clearTimeout(timer)
        reject(describeFailure(cause, url))
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
    req.on('finish', left)
    req.on('error', (cause) => {
      clearTimeout(timer)
      left()
      reject(describeFailure(cause, url))
    })
    req.end(request.body)
  })
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
        throw describeFailure((error as { cause?: unknown }).cause ?? error, new URL(request.url))
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

export interface TransportOptions {
  /** Where the per-request debug lines go when RUNNER_DEBUG is 1 (default: the runner's log). */
  debug?: (line: string) => void
}

function runnerDebugLine(line: string): void {
  process.stdout.write(`::debug::${line}\n`)
}

/** The URL as a debug line shows it: no credentials, which resolveApiBase refuses anyway. */
function shownUrl(url: string): string {
  const parsed = new URL(url)
  return `${parsed.origin}${parsed.pathname}${parsed.search}`
}

/**
 * Tells each request in one line: method, URL, status or error, and time. Headers and
 * bodies, where the key and token travel, are never shown.
 */
export function withDebugLines(transport: Transport, write: (line: string) => void): Transport {
  return withSend(transport, async (request) => {
    const started = Date.now()
    const what = `${request.method} ${shownUrl(request.url)}`
    try {
      const response = await transport.send(request)
      write(`${what}: HTTP ${response.status} in ${Date.now() - started} ms`)
      return response
    } catch (cause) {
      const code = cause instanceof TransportError ? cause.code : 'error'
      write(`${what}: ${code} after ${Date.now() - started} ms`)
      throw cause
    }
  })
}

/** `transport` sending with `send`; closing, flushing and pre-connecting pass through. */
export function withSend(transport: Transport, send: Transport['send']): Transport {
  return {
    send,
    close: () => transport.close(),
    ...(transport.flushed ? { flushed: () => transport.flushed!() } : {}),
    ...(transport.preconnect ? { preconnect: (url: string) => transport.preconnect!(url) } : {})
  }
}

/** The runner sets RUNNER_DEBUG=1 when a run is re-run with debug logging. */
export function debugRequested(env: NodeJS.ProcessEnv): boolean {
  return env.RUNNER_DEBUG === '1'
}

export async function createTransport(
  env: NodeJS.ProcessEnv = process.env,
  options: TransportOptions = {}
): Promise<Transport> {
  checkProxyVariables(env)
  const transport = proxyConfigured(env) ? await proxyTransport() : directTransport()
  if (!debugRequested(env)) return transport
  return withDebugLines(transport, options.debug ?? runnerDebugLine)
}
