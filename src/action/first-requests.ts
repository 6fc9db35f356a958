// What the post step sends before it loads anything else: the job's request and the
// commit's deployments look-up, built from the runner's environment alone, with the URL
// and headers the GitHub client uses (github/paths.ts). The client, loaded while GitHub
// answers, is handed an answer when it asks for the same URL with the same token, as if
// it had sent the request itself (with its retries and checks after). These requests
// are a head start and nothing more: the report decides everything again from the
// checked inputs, and an answer it never asks for is dropped.
import { ATTEMPT_TIMEOUT_MS, DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../defaults.js'
import { checkGitHubApiUrl } from '../endpoints.js'
import {
  commitDeploymentsPath,
  githubHeaders,
  isRepoName,
  jobPath,
  repoPrefix,
  runnerApiUrl
} from '../github/paths.js'
import {
  createTransport,
  proxySecrets,
  type HttpRequest,
  type HttpResponse,
  type Transport,
  withSend
} from '../http/transport.js'
import { TRUE_WORDS } from '../inputs/early.js'
import * as runner from '../runner.js'

/**
 * The GET requests the report of this step's job makes first, whatever it finds: the
 * job, and with `cd: auto` or an environment the commit's deployments. None for a run
 * (`scope: workflow`, `run-id`), or when an input they need is missing or unclear.
 */
export function firstRequests(env: NodeJS.ProcessEnv): HttpRequest[] {
  const input = (name: string) => runner.getInput(name, env)
  if (!['', 'job'].includes(input('scope')) || input('run-id') !== '') return []
  const token = input('github-token')
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner = '', name = '', extra] = repository.split('/')
  const raw = input('timeout-seconds')
  const seconds = raw === '' ? DEFAULT_TIMEOUT_SECONDS : Number(raw)
  if (token === '' || extra !== undefined || !isRepoName(owner, name)) return []
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) return []
  const api = runnerApiUrl(env)
  const insecureHttp = TRUE_WORDS.includes(input('allow-insecure-http'))
  if ('error' in checkGitHubApiUrl(api, 'GITHUB_API_URL', { insecureHttp })) return []
  const headers = githubHeaders(token)
  const timeoutMs = Math.min(ATTEMPT_TIMEOUT_MS, seconds * 1000)
  const get = (path: string): HttpRequest => ({
    method: 'GET',
    url: `${api}${repoPrefix(repository)}${path}`,
    headers,
    timeoutMs
  })
  const requests: HttpRequest[] = []
  const jobId = input('job-check-run-id')
  if (/^[1-9]\d{0,15}$/.test(jobId)) requests.push(get(jobPath(Number(jobId))))
  const sha = env.GITHUB_SHA ?? ''
  if (sha !== '' && (['', 'auto'].includes(input('cd')) || input('environment') !== '')) {
    requests.push(get(commitDeploymentsPath(sha)))
  }
  return requests
}

const keyOf = (request: Pick<HttpRequest, 'url' | 'headers'>) =>
  `${request.url}\n${request.headers.authorization ?? ''}`

/**
 * The transport, answering the first GET of each URL (with the same token) from the
 * request already sent for it; every other request goes out as usual.
 */
export function answeringFrom(
  transport: Transport,
  early: readonly { request: HttpRequest; answer: Promise<HttpResponse> }[]
): Transport {
  const sent = new Map(early.map(({ request, answer }) => [keyOf(request), answer]))
  return withSend(transport, (request) => {
    const key = keyOf(request)
    const answer = request.method === 'GET' ? sent.get(key) : undefined
    if (!answer) return transport.send(request)
    sent.delete(key)
    return answer
  })
}

export interface FirstRequests {
  /** The transport that hands over their answers. */
  transport: Transport
  /** Settles once every one of them is answered (or failed). */
  answered: Promise<void>
}

/**
 * Sends the first requests; undefined when the proxy variables are wrong, which the
 * report then tells.
 */
export async function sendFirstRequests(
  env: NodeJS.ProcessEnv
): Promise<FirstRequests | undefined> {
  for (const secret of proxySecrets(env)) runner.setSecret(secret)
  let transport: Transport
  try {
    transport = await createTransport(env)
  } catch {
    return undefined
  }
  const requests = firstRequests(env)
  // Their connections open while the HTTP stack loads and the requests are made: one
  // each, since they go out together.
  for (const request of requests) transport.preconnect?.(request.url)
  const early = requests.map((request) => {
    const answer = transport.send(request)
    // Handled where it is taken; one never taken must not be reported as unhandled.
    answer.catch(() => undefined)
    return { request, answer }
  })
  const answered = Promise.allSettled(early.map(({ answer }) => answer)).then(() => undefined)
  return { transport: answeringFrom(transport, early), answered }
}

/** Whether `promise` settles within `ms`: waits for it that long at most. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  const settled = promise.then(
    () => true,
    () => true
  )
  try {
    return await Promise.race([settled, late])
  } finally {
    clearTimeout(timer)
  }
}
