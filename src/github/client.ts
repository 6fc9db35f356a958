// The few GitHub REST calls the report needs, with errors that say what to change.
import { sendWithRetry, type Budget, type RetryHooks, type RetryPolicy } from '../http/retry.js'
import type { HttpResponse, Transport } from '../http/transport.js'
import type { GitHubDeployment, GitHubDeploymentStatus, GitHubJob, GitHubRun } from './types.js'

export const PERMISSIONS_HINT =
  'add `actions: read` under `permissions:` in the workflow or this job (permissions: { contents: read, actions: read })'

export class GitHubError extends Error {
  override name = 'GitHubError'
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
  }
}

export interface GitHubClientOptions {
  apiUrl: string
  token: string
  owner: string
  repo: string
  transport: Transport
  budget: Budget
  policy?: RetryPolicy
  hooks?: RetryHooks
  userAgent?: string
}

export const PAGE_SIZE = 100

export interface GitHubClient {
  getJob(jobId: number): Promise<GitHubJob>
  listAttemptJobs(runId: number, attempt: number): Promise<GitHubJob[]>
  getRun(runId: number): Promise<GitHubRun>
  getRunAttempt(runId: number, attempt: number): Promise<GitHubRun>
  listDeployments(sha: string): Promise<GitHubDeployment[]>
  listDeploymentStatuses(deploymentId: number): Promise<GitHubDeploymentStatus[]>
  /** The commits from base to head, oldest first; the newest 100 when there are more. */
  compareCommits(base: string, head: string): Promise<string[]>
  /** Requests sent so far, retries included. */
  readonly requestCount: number
}

function messageOf(response: HttpResponse): string {
  try {
    const body = JSON.parse(response.body) as { message?: unknown }
    if (typeof body.message === 'string') return body.message
  } catch {
    // not JSON
  }
  return response.body.slice(0, 200).replace(/\s+/g, ' ').trim()
}

function resetTime(response: HttpResponse): string {
  const reset = Number(response.headers['x-ratelimit-reset'])
  return Number.isFinite(reset) && reset > 0
    ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
    : ''
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const base = `${options.apiUrl.replace(/\/+$/, '')}/repos/${options.owner}/${options.repo}`
  const repository = `${options.owner}/${options.repo}`
  let requestCount = 0

  function failure(
    response: HttpResponse,
    path: string,
    what: string,
    attempts: number
  ): GitHubError {
    const said = messageOf(response)
    const call = `GET ${path}`
    switch (response.status) {
      case 401:
        return new GitHubError(
          `GitHub refused the token (HTTP 401 on ${call}): check the github-token input; the default \${{ github.token }} works.`,
          401
        )
      case 403:
      case 429:
        if (/rate limit/i.test(said) || response.headers['x-ratelimit-remaining'] === '0') {
          return new GitHubError(
            `GitHub's API rate limit for this token is used up${resetTime(response)} (HTTP ${response.status} on ${call}): the report was not made; re-run later or raise timeout-seconds to wait for the reset.`,
            response.status
          )
        }
        return new GitHubError(
          `GitHub answered ${response.status} "${said}" on ${call}: the token cannot read ${what}; ${PERMISSIONS_HINT}.`,
          response.status
        )
      case 404:
        return new GitHubError(
          `GitHub found no ${what} in ${repository} (HTTP 404 on ${call}): the id may be wrong (check run-id), or github-token belongs to another repository or cannot see this one.`,
          404
        )
      default:
        return new GitHubError(
          `GitHub answered HTTP ${response.status} on ${call} after ${attempts} attempt(s)${said ? `: ${said}` : ''}; the report was not made.`,
          response.status
        )
    }
  }

  async function get<T>(path: string, what: string): Promise<{ data: T; response: HttpResponse }> {
    const url = `${base}${path}`
    const delivery = await sendWithRetry(
      {
        send: (request) => {
          requestCount++
          return options.transport.send(request)
        },
        close: () => options.transport.close()
      },
      {
        method: 'GET',
        url,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${options.token}`,
          'user-agent': options.userAgent ?? 'sei-cicd-action',
          'x-github-api-version': '2022-11-28'
        }
      },
      options.budget,
      options.policy,
      options.hooks
    )
    const response = delivery.response
    if (!response) {
      throw new GitHubError(
        `Could not reach the GitHub API at ${options.apiUrl} (${delivery.error?.message ?? 'no answer'}, ${delivery.attempts} attempt(s)); the report was not made.`
      )
    }
    if (response.status < 200 || response.status >= 300) {
      throw failure(response, `/repos/${repository}${path}`, what, delivery.attempts)
    }
    try {
      return { data: JSON.parse(response.body) as T, response }
    } catch {
      throw new GitHubError(
        `GitHub answered ${path} with something that is not JSON; the report was not made.`
      )
    }
  }

  async function pages<T>(path: string, key: string, what: string): Promise<T[]> {
    const items: T[] = []
    const separator = path.includes('?') ? '&' : '?'
    for (let page = 1; ; page++) {
      const { data } = await get<Record<string, unknown>>(
        `${path}${separator}per_page=${PAGE_SIZE}&page=${page}`,
        what
      )
      const batch = Array.isArray(data[key]) ? (data[key] as T[]) : []
      items.push(...batch)
      const total = typeof data.total_count === 'number' ? data.total_count : undefined
      if (batch.length < PAGE_SIZE || (total !== undefined && items.length >= total)) return items
    }
  }

  return {
    get requestCount() {
      return requestCount
    },
    async getJob(jobId) {
      return (await get<GitHubJob>(`/actions/jobs/${jobId}`, `job ${jobId}`)).data
    },
    listAttemptJobs(runId, attempt) {
      return pages<GitHubJob>(
        `/actions/runs/${runId}/attempts/${attempt}/jobs`,
        'jobs',
        `jobs of run ${runId} attempt ${attempt}`
      )
    },
    async getRun(runId) {
      return (await get<GitHubRun>(`/actions/runs/${runId}`, `workflow run ${runId}`)).data
    },
    async getRunAttempt(runId, attempt) {
      return (
        await get<GitHubRun>(
          `/actions/runs/${runId}/attempts/${attempt}`,
          `workflow run ${runId} attempt ${attempt}`
        )
      ).data
    },
    async listDeployments(sha) {
      const { data } = await get<GitHubDeployment[]>(
        `/deployments?sha=${encodeURIComponent(sha)}&per_page=${PAGE_SIZE}`,
        `deployments of commit ${sha}`
      )
      return Array.isArray(data) ? data : []
    },
    async listDeploymentStatuses(deploymentId) {
      const { data } = await get<GitHubDeploymentStatus[]>(
        `/deployments/${deploymentId}/statuses?per_page=${PAGE_SIZE}`,
        `statuses of deployment ${deploymentId}`
      )
      return Array.isArray(data) ? data : []
    },
    async compareCommits(baseSha, headSha) {
      const what = `comparison ${baseSha.slice(0, 7)}...${headSha.slice(0, 7)}`
      const page = async (n: number) => {
        const { data } = await get<{ total_commits?: number; commits?: { sha: string }[] }>(
          `/compare/${baseSha}...${headSha}?per_page=${PAGE_SIZE}&page=${n}`,
          what
        )
        return { total: data.total_commits ?? 0, shas: (data.commits ?? []).map((c) => c.sha) }
      }
      const first = await page(1)
      const last = Math.ceil(first.total / PAGE_SIZE)
      if (last <= 1) return first.shas
      const tail = await page(last)
      const before = last - 1 === 1 ? first : await page(last - 1)
      return [...before.shas, ...tail.shas].slice(-PAGE_SIZE)
    }
  }
}
