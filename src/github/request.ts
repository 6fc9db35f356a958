// One GET to the GitHub REST API: the headers, the shared retry policy and time budget,
// the failure messages by status, and the answer read as JSON, masked, then checked.
import { githubHeaders, PAGE_SIZE } from './paths.js'
import { checkGitHubApiUrl } from '../endpoints.js'
import { ExplainedError } from '../errors.js'
import {
  isGitHubRetried,
  isRateLimited,
  sendWithRetry,
  type Budget,
  type Delivery,
  type RetryHooks,
  type RetryPolicy
} from '../http/retry.js'
import { answerMessage } from '../http/answer-message.js'
import { maskValues } from '../secrets.js'
import { firstIssue, type Check } from '../checks.js'
import { withSend, type HttpResponse, type Transport } from '../http/transport.js'

export class GitHubError extends ExplainedError {
  override name = 'GitHubError'
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
  }
}

/** The `permissions:` block that lets the token read runs and jobs, as one line of YAML. */
export const PERMISSIONS_BLOCK = 'permissions: { contents: read, actions: read }'

export const PERMISSIONS_HINT = `add \`actions: read\` to the workflow or this job: \`${PERMISSIONS_BLOCK}\``

export type Permission = 'actions' | 'contents' | 'deployments'

/** What a call reads, which permission it needs, and why it may find nothing. */
export interface CallInfo {
  what: string
  permission: Permission
  notFound: string
}

export function permissionHint(permission: Permission): string {
  if (permission === 'actions') return PERMISSIONS_HINT
  const block =
    permission === 'deployments'
      ? 'permissions: { contents: read, actions: read, deployments: read }'
      : PERMISSIONS_BLOCK
  return `add \`${permission}: read\` to the workflow or this job: \`${block}\``
}

function resetTime(response: HttpResponse): string {
  const reset = Number(response.headers['x-ratelimit-reset'])
  return Number.isFinite(reset) && reset > 0
    ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
    : ''
}

export interface FailedRequest {
  response: HttpResponse
  /** "GET /repos/o/r/actions/jobs/1", as the messages name it. */
  request: string
  delivery: Delivery
}

/** Turns a failed call into the error that says what to change, worded for whose token it is. */
export type TokenFailure = (
  failed: FailedRequest,
  call: CallInfo,
  repository: string
) => GitHubError

/** Why a call of the step's own token failed, and which input or permission to change. */
export function stepTokenFailure(
  { response, request, delivery }: FailedRequest,
  call: CallInfo,
  repository: string
): GitHubError {
  const said = answerMessage(response, ['message'])
  const { status } = response
  if (status === 401) {
    return new GitHubError(
      `GitHub refused the token (HTTP 401 on ${request}): check the github-token input; the default \${{ github.token }} works.`,
      401
    )
  }
  if (isRateLimited(response) || (status === 403 && /rate limit/i.test(said))) {
    return new GitHubError(
      `GitHub's API rate limit for this token is used up${resetTime(response)} (HTTP ${status} on ${request}): the report was not made; re-run later or raise timeout-seconds to wait for the reset.`,
      status
    )
  }
  if (status === 403) {
    return new GitHubError(
      `GitHub answered 403 "${said}" on ${request}: the token cannot read ${call.what}; ${permissionHint(call.permission)}.`,
      403
    )
  }
  if (status === 404) {
    return new GitHubError(
      `GitHub found no ${call.what} in ${repository} (HTTP 404 on ${request}): ${call.notFound}.`,
      404
    )
  }
  return new GitHubError(
    `GitHub answered HTTP ${status} on ${request} after ${delivery.attempts} attempt(s)${said ? `: ${said}` : ''}; the report was not made.`,
    status
  )
}

export interface RequesterOptions {
  apiUrl: string
  /** Plain http to another machine was asked for explicitly (the CLI's --allow-insecure-http). */
  insecureHttp?: boolean
  /** How to ask for it, for the refusal: "--allow-insecure-http". */
  optIn?: string
  token: string
  transport: Transport
  budget: Budget
  policy?: RetryPolicy
  hooks?: RetryHooks
  userAgent?: string
  /** Ends the messages of a request that got no usable answer: "; the report was not made". */
  outcome?: string
}

export interface ReadOptions<T> {
  /** The error for an answer outside 2xx (and, with an ETag, 304). */
  fail: (failed: FailedRequest) => GitHubError
  /** Checks the answer; without one the JSON is taken as it is. */
  schema?: Check<T>
  /** What the answer should be, for the message when the schema rejects it. */
  what?: string
  /** Sent as If-None-Match: a 304 answer comes back without data. */
  etag?: string
}

export interface Answer<T> {
  /** Absent when GitHub answered 304 Not Modified. */
  data?: T
  response: HttpResponse
}

export interface Requester {
  /** GET `path` (from the API root, query included). */
  get<T>(path: string, read: ReadOptions<T>): Promise<Answer<T>>
  /** GET `path` without an ETag: the answer, checked. */
  data<T>(path: string, read: Omit<ReadOptions<T>, 'etag'>): Promise<T>
  /** Requests sent so far, retries included. */
  readonly count: number
  /** How its messages end: "; the report was not made", or nothing. */
  readonly outcome: string
  readonly budget: Budget
}

export function createRequester(options: RequesterOptions): Requester {
  const api = options.apiUrl.replace(/\/+$/, '')
  const outcome = options.outcome ?? ''
  const checked = checkGitHubApiUrl(options.apiUrl, 'GITHUB_API_URL', {
    insecureHttp: options.insecureHttp,
    optIn: options.optIn
  })
  const headers = githubHeaders(options.token, options.userAgent)
  let count = 0
  const transport = withSend(options.transport, (request) => {
    count++
    return options.transport.send(request)
  })

  async function get<T>(path: string, read: ReadOptions<T>): Promise<Answer<T>> {
    if ('error' in checked) throw new GitHubError(`${checked.error}${outcome}.`)
    const delivery = await sendWithRetry({
      transport,
      request: {
        method: 'GET',
        url: `${api}${path}`,
        headers: read.etag ? { ...headers, 'if-none-match': read.etag } : headers
      },
      budget: options.budget,
      policy: options.policy,
      hooks: options.hooks,
      retryOn: isGitHubRetried
    })
    const response = delivery.response
    if (!response) {
      throw new GitHubError(
        `Could not reach the GitHub API at ${options.apiUrl} (${delivery.error?.message ?? 'no answer'}, ${delivery.attempts} attempt(s))${outcome}.`
      )
    }
    if (response.status === 304 && read.etag) return { response }
    if (response.status < 200 || response.status >= 300) {
      throw read.fail({ response, request: `GET ${path}`, delivery })
    }
    return { data: parse(path, response.body, read), response }
  }

  function parse<T>(path: string, body: string, read: ReadOptions<T>): T {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      throw new GitHubError(
        `GitHub answered GET ${path} with something that is not JSON${outcome}.`
      )
    }
    // Masked at the boundary: a step name holding a secret is *** before it is cut to length.
    const masked = maskValues(json)
    if (!read.schema) return masked as T
    const parsed = read.schema.safeParse(masked)
    if (!parsed.success) {
      throw new GitHubError(
        `GitHub's answer to GET ${path} is not ${read.what ?? 'what was asked'} as the report needs it (${firstIssue(parsed.error)})${outcome}.`
      )
    }
    return parsed.data
  }

  return {
    get,
    data: async <T>(path: string, read: Omit<ReadOptions<T>, 'etag'>) =>
      (await get(path, read)).data as T,
    budget: options.budget,
    outcome,
    get count() {
      return count
    }
  }
}

/**
 * How far one listing may go. A listing that goes on past its bound is not what GitHub
 * makes (a broken or hostile answer): it is read no further.
 */
export interface ListingBound {
  pages: number
  items: number
  /** What the items are, for the message: "jobs". */
  what: string
  /** Why no real listing is that long, for the message. */
  because: string
}

/**
 * The jobs of one run attempt: a matrix makes at most 256 jobs in a run (GitHub's Actions
 * limits), and a run also has its other jobs and those of the workflows it calls; 5,000
 * leaves twenty times that.
 */
export const JOBS_BOUND: ListingBound = {
  pages: 50,
  items: 5_000,
  what: 'jobs',
  because: 'about twenty times the 256 jobs a matrix may make in a run'
}

/** The repositories of an organisation, a hundred thousand at most. */
export const REPOS_BOUND: ListingBound = {
  pages: 1_000,
  items: 100_000,
  what: 'repositories',
  because: 'more than an organisation is read for'
}

/**
 * Throws the one line that says the listing `path` went past `bound`, once `page` pages
 * gave `items`; `outcome` ends it as the requester's messages end.
 */
export function checkBound(
  bound: ListingBound,
  path: string,
  page: number,
  items: number,
  outcome = ''
): void {
  if (page <= bound.pages && items <= bound.items) return
  throw new GitHubError(
    `GitHub's listing GET ${path} went on past ${bound.pages} pages or ${bound.items.toLocaleString('en-US')} ${bound.what} (${bound.because}): it was read no further${outcome}.`
  )
}

/**
 * The pages of a listing, one at a time, until a short page or the total GitHub tells;
 * past `bound` it stops with the line that says so.
 */
export async function* pages<T>(
  requester: Requester,
  path: string,
  key: string,
  read: Omit<ReadOptions<{ total_count?: number | undefined }>, 'etag'>,
  bound: ListingBound
): AsyncGenerator<T[]> {
  const separator = path.includes('?') ? '&' : '?'
  let items = 0
  for (let page = 1; ; page++) {
    checkBound(bound, path, page, items, requester.outcome)
    const data = await requester.data(`${path}${separator}per_page=${PAGE_SIZE}&page=${page}`, read)
    const batch = (data as Record<string, unknown>)[key] as T[]
    items += batch.length
    checkBound(bound, path, page, items, requester.outcome)
    yield batch
    const total = typeof data.total_count === 'number' ? data.total_count : undefined
    if (batch.length < PAGE_SIZE || (total !== undefined && items >= total)) return
  }
}

/** Every item of a listing (see `pages`). */
export async function allPages<T>(
  requester: Requester,
  path: string,
  key: string,
  read: Omit<ReadOptions<{ total_count?: number | undefined }>, 'etag'>,
  bound: ListingBound
): Promise<T[]> {
  const items: T[] = []
  for await (const batch of pages<T>(requester, path, key, read, bound)) items.push(...batch)
  return items
}
