// The direct transport's two ways of keeping the network busy while the step computes:
// `flushed` settles once the requests sent so far are written, and `preconnect` opens
// the next origin's connection ahead of its request, silently when it cannot.
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createTransport, PRECONNECT_FRESH_MS, type Transport } from '../../src/http/transport.js'

interface Seen {
  /** When each connection was accepted, and when each request had arrived. */
  connections: number[]
  requests: { at: number; socket: Socket }[]
}

async function start(answerAfterMs = 0): Promise<{ server: Server; url: string; seen: Seen }> {
  const seen: Seen = { connections: [], requests: [] }
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      seen.requests.push({ at: Date.now(), socket: req.socket })
      setTimeout(() => res.end('ok'), answerAfterMs)
    })
  })
  server.on('connection', () => seen.connections.push(Date.now()))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}`, seen }
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

const post = (url: string) => ({
  method: 'POST' as const,
  url: `${url}/v1/custom-cicd`,
  headers: { 'content-type': 'application/json' },
  body: '{}',
  timeoutMs: 5000
})

/** Runs `test` with a stand-in server and a direct transport, and closes both after it. */
async function withServer(
  test: (at: { server: Server; url: string; seen: Seen; transport: Transport }) => Promise<void>,
  answerAfterMs = 0
): Promise<void> {
  const { server, url, seen } = await start(answerAfterMs)
  const transport = await createTransport({})
  try {
    await test({ server, url, seen, transport })
  } finally {
    await transport.close()
    await stop(server)
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('flushed', () => {
  it('settles once the request is at the server, long before its answer', async () => {
    await withServer(async ({ url, seen, transport }) => {
      const answer = transport.send(post(url))
      const flushed = transport.flushed!()
      const first = await Promise.race([
        flushed.then(() => 'settled'),
        new Promise((resolve) => setImmediate(() => resolve('pending')))
      ])
      expect(first).toBe('pending')
      await flushed
      // The request left; its answer is 400 ms away.
      await wait(20)
      expect(seen.requests).toHaveLength(1)
      expect(await answer).toMatchObject({ status: 200, body: 'ok' })
    }, 400)
  })

  it('settles when a request fails to connect, and with nothing sent', async () => {
    const transport = await createTransport({})
    try {
      await transport.flushed!()
      const failed = transport.send(post('http://127.0.0.1:9'))
      failed.catch(() => undefined)
      await transport.flushed!()
      await expect(failed).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    } finally {
      await transport.close()
    }
  })
})

describe('preconnect', () => {
  it('the next request to the origin goes over the connection opened ahead of it', async () => {
    await withServer(async ({ url, seen, transport }) => {
      transport.preconnect!(url)
      await wait(100)
      expect(seen.connections).toHaveLength(1)
      expect(seen.requests).toHaveLength(0)
      const before = Date.now()
      expect(await transport.send(post(url))).toMatchObject({ status: 200 })
      expect(seen.connections).toHaveLength(1)
      expect(seen.connections[0]!).toBeLessThan(before)
    })
  })

  it('a request sent right after preconnect, in the same turn, takes that connection', async () => {
    await withServer(async ({ url, seen, transport }) => {
      transport.preconnect!(url)
      expect(await transport.send(post(url))).toMatchObject({ status: 200 })
      expect(seen.connections).toHaveLength(1)
    })
  })

  it('each call opens a connection of its own: requests sent together each find one', async () => {
    await withServer(async ({ url, seen, transport }) => {
      transport.preconnect!(url)
      transport.preconnect!(url)
      await wait(100)
      expect(seen.connections).toHaveLength(2)
      const before = Date.now()
      const answers = await Promise.all([transport.send(post(url)), transport.send(post(url))])
      expect(answers.map((answer) => answer.status)).toEqual([200, 200])
      expect(seen.connections).toHaveLength(2)
      expect(Math.max(...seen.connections)).toBeLessThan(before)
      expect(seen.requests[0]!.socket).not.toBe(seen.requests[1]!.socket)
    }, 20)
  })

  it('a connection that could not open is forgotten: the request tells its own error', async () => {
    const transport = await createTransport({})
    try {
      transport.preconnect!('http://127.0.0.1:9')
      transport.preconnect!('not a url')
      transport.preconnect!('ftp://127.0.0.1:21')
      await wait(50)
      await expect(transport.send(post('http://127.0.0.1:9'))).rejects.toMatchObject({
        message: '127.0.0.1:9 refused the connection: nothing listens on that port'
      })
    } finally {
      await transport.close()
    }
  })

  it('a connection the server closed meanwhile is not used: the request opens another', async () => {
    await withServer(async ({ server, url, seen, transport }) => {
      transport.preconnect!(url)
      await wait(100)
      server.closeAllConnections()
      await wait(50)
      expect(await transport.send(post(url))).toMatchObject({ status: 200 })
      expect(seen.connections).toHaveLength(2)
    })
  })

  it(`a connection older than ${PRECONNECT_FRESH_MS} ms is closed and replaced`, async () => {
    const realNow = Date.now
    await withServer(async ({ url, seen, transport }) => {
      try {
        transport.preconnect!(url)
        await wait(100)
        const later = realNow() + PRECONNECT_FRESH_MS
        Date.now = () => later
        expect(await transport.send(post(url))).toMatchObject({ status: 200 })
        expect(seen.connections).toHaveLength(2)
      } finally {
        Date.now = realNow
      }
    })
  })

  it('close ends a connection no request used', async () => {
    const { server, url } = await start()
    const transport = await createTransport({})
    transport.preconnect!(url)
    await wait(100)
    let open = 0
    server.getConnections((_, count) => (open = count))
    await wait(10)
    expect(open).toBe(1)
    await transport.close()
    await wait(50)
    server.getConnections((_, count) => (open = count))
    await wait(10)
    expect(open).toBe(0)
    await stop(server)
  })
})
