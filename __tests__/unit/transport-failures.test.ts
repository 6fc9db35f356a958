// How a request without an answer is told, and which of them are worth another try.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Budget, sendWithRetry, type Clock } from '../../src/http/retry.js'
import {
  createTransport,
  describeFailure,
  TransportError,
  withDebugLines,
  type Transport
} from '../../src/http/transport.js'

const errno = (code: string, message: string) => Object.assign(new Error(message), { code })
const at = (url: string) => new URL(url)

describe('describeFailure', () => {
  it('a loopback port that refuses: final, never sent', () => {
    const error = describeFailure(
      errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
      at('http://127.0.0.1:9/v1/custom-cicd')
    )
    expect(error).toMatchObject({
      message: '127.0.0.1:9 refused the connection: nothing listens on that port',
      code: 'ECONNREFUSED',
      unsent: true,
      final: true
    })
  })

  it('a remote host that refuses may be restarting: retried', () => {
    const error = describeFailure(
      errno('ECONNREFUSED', 'connect ECONNREFUSED 10.1.2.3:443'),
      at('https://sei.corp.example/sei/api/v1/custom-cicd')
    )
    expect(error).toMatchObject({ unsent: true, final: false })
    expect(error.message).toBe('sei.corp.example refused the connection')
  })

  it('a host name that does not resolve: final; a lookup that failed for now: retried', () => {
    const url = at('https://sei.example.invalid/sei/api')
    expect(describeFailure(errno('ENOTFOUND', 'getaddrinfo ENOTFOUND x'), url)).toMatchObject({
      message: 'no such host: sei.example.invalid (ENOTFOUND)',
      final: true
    })
    expect(describeFailure(errno('EAI_AGAIN', 'getaddrinfo EAI_AGAIN x'), url)).toMatchObject({
      message: 'could not look up sei.example.invalid (EAI_AGAIN)',
      final: false
    })
  })

  it('a certificate the runner does not trust: one line naming NODE_EXTRA_CA_CERTS, final', () => {
    const error = describeFailure(
      errno('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'),
      at('https://sei.corp.example/sei/api')
    )
    expect(error.final).toBe(true)
    expect(error.message).toBe(
      'the TLS certificate of sei.corp.example was not accepted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY); if it is signed by your own CA, point NODE_EXTRA_CA_CERTS at its certificate'
    )
  })

  it('keeps other errors to their first line, and retries them', () => {
    const error = describeFailure(
      errno('ECONNRESET', 'socket hang up\n    at detail'),
      at('https://x.example')
    )
    expect(error).toMatchObject({ message: 'ECONNRESET: socket hang up', final: false })
  })
})

describe('the direct transport against a server that speaks plain http', () => {
  let server: Server
  let port: number
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('plain'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('fails the https:// request with one line, sent nowhere, final', async () => {
    const transport = await createTransport({})
    try {
      const failed = transport.send({
        method: 'POST',
        url: `https://127.0.0.1:${port}/v1/custom-cicd`,
        headers: {},
        body: '{}',
        timeoutMs: 5000
      })
      await expect(failed).rejects.toMatchObject({
        message: `127.0.0.1:${port} does not speak TLS: it answered the https:// request in plain text; check the scheme and port of the URL`,
        code: 'ENOTTLS',
        unsent: true,
        final: true
      })
    } finally {
      await transport.close()
    }
  })
})

describe('sendWithRetry and final errors', () => {
  const clock: Clock = { now: () => 0, sleep: async () => {}, random: () => 0 }

  it('stops at the first final error and keeps trying the others', async () => {
    const errors = [
      new TransportError('reset', 'ECONNRESET'),
      new TransportError('nothing listens', 'ECONNREFUSED', { unsent: true, final: true })
    ]
    let attempts = 0
    const transport: Transport = {
      send: async () => {
        attempts++
        throw errors.shift()!
      },
      close: async () => {}
    }
    const delivery = await sendWithRetry({
      transport,
      request: { method: 'GET', url: 'http://127.0.0.1:9/', headers: {} },
      budget: new Budget(60_000, clock)
    })
    expect(attempts).toBe(2)
    expect(delivery).toMatchObject({ attempts: 2, outOfTime: false })
    expect(delivery.error?.message).toBe('nothing listens')
  })
})

describe('withDebugLines', () => {
  it('tells method, URL, status and time of each request, never its headers or body', async () => {
    const lines: string[] = []
    const inner: Transport = {
      send: async () => ({ status: 202, headers: { 'set-cookie': 's3ssion' }, body: 'k3y' }),
      close: async () => {}
    }
    const transport = withDebugLines(inner, (line) => lines.push(line))
    await transport.send({
      method: 'POST',
      url: 'https://sei.example/sei/api/v1/custom-cicd?x=1',
      headers: { authorization: 'ApiKey k3y' },
      body: '{"k":"k3y"}',
      timeoutMs: 1000
    })
    expect(lines).toEqual([
      expect.stringMatching(
        /^POST https:\/\/sei\.example\/sei\/api\/v1\/custom-cicd\?x=1: HTTP 202 in \d+ ms$/
      )
    ])
  })
})
