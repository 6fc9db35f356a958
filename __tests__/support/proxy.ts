// A forwarding HTTP proxy on loopback: absolute-URI requests (plain HTTP through a
// proxy) and CONNECT tunnels (what undici uses by default). It records the target of
// every request or tunnel it carries.
import { createServer, request, type IncomingMessage } from 'node:http'
import { connect, type Socket } from 'node:net'

export interface Proxy {
  url: string
  /** host:port of each forwarded request and each tunnel, in order. */
  targets: string[]
  /** The Proxy-Authorization header of each of them ('' when absent). */
  credentials: string[]
  close(): Promise<void>
}

export function startProxy(): Promise<Proxy> {
  const targets: string[] = []
  const credentials: string[] = []
  const noteCredentials = (req: IncomingMessage) =>
    credentials.push(req.headers['proxy-authorization'] ?? '')
  const sockets = new Set<Socket>()
  const server = createServer((req: IncomingMessage, res) => {
    const target = new URL(req.url ?? '')
    targets.push(target.host)
    noteCredentials(req)
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':')
    targets.push(req.url ?? '')
    noteCredentials(req)
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    const end = () => {
      upstream.destroy()
      client.destroy()
    }
    upstream.on('error', end)
    client.on('error', end)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      resolve({
        url: `http://127.0.0.1:${port}`,
        targets,
        credentials,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          })
      })
    })
  })
}
