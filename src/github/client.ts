// The few GitHub REST calls the report needs, with errors that say what to change.
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
import type { ZodType } from 'zod'
import {
  comparisonSchema,
  deploymentStatusesSchema,
  deploymentsSchema,
  firstIssue,
  jobSchema,
  pageSchema,
  runSchema,
  runsPageSchema
} from './schemas.js'
import type { HttpResponse, Transport } from '../http/transport.js'
import type { GitHubDeployment, GitHubDeploymentStatus, GitHubJob, GitHubRun } from './types.js'

/** The `permissions:` block that lets the token read runs and jobs, as one line of YAML. */
export const PERMISSIONS_BLOCK = 'permissions: { contents: read, actions: read }'

export const PERMISSIONS_HINT = `add \`actions: read\` to the workflow or this job: \`${PERMISSIONS_BLOCK}\``

/** What a call needs besides the defaults, and why it may find nothing. */
interface CallInfo {
  what: string
  permission: 'actions' | 'contents' | 'deployments'
  notFound: string
}

const OTHER_REPOSITORY =
  'github-token may belong to another repository (GitHub answers 404 for what a token cannot see)'

function permissionHint(permission: CallInfo['permission']): string {
  if (permission === 'actions') return PERMISSIONS_HINT
  const block =
    permission === 'deployments'
      ? 'permissions: { contents: read, actions: read, deployments: read }'
      : PERMISSIONS_BLOCK
  return `add \`${permission}: read\` to the workflow or this job: \`${block}\``
}

export class GitHubError extends ExplainedError {
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

export interface ComparedCommits {
  /** Oldest first, as the compare API lists them. */
  commits: string[]
  total: number
}

/** Earlier runs of a workflow read when looking for the previous successful run of a job. */
export const RUN_HISTORY_PAGE = 20

export interface GitHubClient {
  getJob(jobId: number): Promise<GitHubJob>
  listAttemptJobs(runId: number, attempt: number): Promise<GitHubJob[]>
  getRun(runId: number): Promise<GitHubRun>
  /** The latest push run of a workflow on a branch created before `before` (ISO), if any. */
  previousPushRun(
    workflowId: number,
    branch: string,
    before: string
  ): Promise<GitHubRun | undefined>
  getRunAttempt(runId: number, attempt: number): Promise<GitHubRun>
  listDeployments(sha: string): Promise<GitHubDeployment[]>
  listDeploymentStatuses(deploymentId: number): Promise<GitHubDeploymentStatus[]>
  /** The latest 100 deployments to an environment, newest first, as GitHub lists them. */
  listEnvironmentDeployments(environment: string): Promise<GitHubDeployment[]>
  /** The commits from base to head, oldest first; the newest 100 when there are more. */
  compareCommits(base: string, head: string): Promise<string[]>
  /** The newest `limit` commits from base to head, oldest first, and how many there are. */
  compareNewest(base: string, head: string, limit: number): Promise<ComparedCommits>
  /** Completed runs of a workflow (id or file name) created before `before` (ISO), newest first. */
  listCompletedRuns(workflow: number | string, before: string): Promise<GitHubRun[]>
  /** Requests sent so far, retries included. */
  readonly requestCount: number
  /** The time left for the whole step, shared with every other request. */
  readonly budget: Budget
}

function messageOf(response: HttpResponse): string {
  return answerMessage(response, ['message'])
}

function resetTime(response: HttpResponse): string {
  const reset = Number(response.headers['x-ratelimit-reset'])
  return Number.isFinite(reset) && reset > 0
    ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
    : ''
}

/** The headers of every GitHub REST request: JSON, the token, the pinned API version. */
export function githubHeaders(
  token: string,
  userAgent = 'sei-cicd-action'
): Record<string, string> {
  return {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${token}`,
    'user-agent': userAgent,
    'x-github-api-version': '2022-11-28'
  }
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const base = `${options.apiUrl.replace(/\/+$/, '')}/repos/${options.owner}/${options.repo}`
  const repository = `${options.owner}/${options.repo}`
  let requestCount = 0
  const jobCall = (jobId: number): CallInfo => ({
    what: `job ${jobId}`,
    permission: 'actions',
    notFound: `the job id comes from job.check_run_id, which is not the job id on older GitHub Enterprise Server, or ${OTHER_REPOSITORY}`
  })
  const runCall = (runId: number, what = `workflow run ${runId}`): CallInfo => ({
    what,
    permission: 'actions',
    notFound: `when run-id is set, it must be a run of ${repository} (the number after /actions/runs/ in the run's URL); else ${OTHER_REPOSITORY}`
  })

  function failure(response: HttpResponse, path: string, call: CallInfo, delivery: Delivery) {
    const said = messageOf(response)
    const request = `GET ${path}`
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

  async function get<T>(
    path: string,
    call: CallInfo,
    schema: ZodType<T, unknown>
  ): Promise<{ data: T; response: HttpResponse }> {
    const url = `${base}${path}`
    const delivery = await sendWithRetry({
      transport: {
        send: (request) => {
          requestCount++
          return options.transport.send(request)
        },
        close: () => options.transport.close()
      },
      request: {
        method: 'GET',
        url,
        headers: githubHeaders(options.token, options.userAgent)
      },
      budget: options.budget,
      policy: options.policy,
      hooks: options.hooks,
      retryOn: isGitHubRetried
    })
    const response = delivery.response
    if (!response) {
      throw new GitHubError(
        `Could not reach the GitHub API at ${options.apiUrl} (${delivery.error?.message ?? 'no answer'}, ${delivery.attempts} attempt(s)); the report was not made.`
      )
    }
    if (response.status < 200 || response.status >= 300) {
      throw failure(response, `/repos/${repository}${path}`, call, delivery)
    }
    let json: unknown
    try {
      json = JSON.parse(response.body)
    } catch {
      throw new GitHubError(
        `GitHub answered GET /repos/${repository}${path} with something that is not JSON; the report was not made.`
      )
    }
    // Masked at the boundary: a step name holding a secret is *** before it is cut to length.
    const parsed = schema.safeParse(maskValues(json))
    if (!parsed.success) {
      throw new GitHubError(
        `GitHub's answer to GET /repos/${repository}${path} is not ${call.what} as the report needs it (${firstIssue(parsed.error)}); the report was not made.`
      )
    }
    return { data: parsed.data, response }
  }

  async function pages<T>(
    path: string,
    key: string,
    call: CallInfo,
    item: ZodType<T, unknown>
  ): Promise<T[]> {
    const items: T[] = []
    const separator = path.includes('?') ? '&' : '?'
    const schema = pageSchema(key, item)
    for (let page = 1; ; page++) {
      const { data } = await get(
        `${path}${separator}per_page=${PAGE_SIZE}&page=${page}`,
        call,
        schema
      )
      const batch = data[key] as T[]
      items.push(...batch)
      const total = typeof data.total_count === 'number' ? data.total_count : undefined
      if (batch.length < PAGE_SIZE || (total !== undefined && items.length >= total)) return items
    }
  }

  /** Page 1 tells the total; the pages that hold the newest `limit` commits follow at once. */
  async function compare(baseSha: string, headSha: string, limit: number) {
    const call = {
      what: `comparison ${baseSha.slice(0, 7)}...${headSha.slice(0, 7)}`,
      permission: 'contents',
      notFound: `one of the commits is no longer in ${repository} (a force push), or ${OTHER_REPOSITORY}`
    } as const
    const page = async (n: number) => {
      const { data } = await get(
        `/compare/${baseSha}...${headSha}?per_page=${PAGE_SIZE}&page=${n}`,
        call,
        comparisonSchema
      )
      return { total: data.total_commits ?? 0, shas: (data.commits ?? []).map((c) => c.sha) }
    }
    const first = await page(1)
    const last = Math.ceil(first.total / PAGE_SIZE)
    const from = Math.max(2, Math.floor(Math.max(0, first.total - limit) / PAGE_SIZE) + 1)
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, last - from + 1) }, (_, i) => page(from + i))
    )
    const shas = (from === 2 ? first.shas : []).concat(...rest.map((p) => p.shas))
    return { commits: shas.slice(-limit), total: Math.max(first.total, first.shas.length) }
  }

  return {
    budget: options.budget,
    get requestCount() {
      return requestCount
    },
    async getJob(jobId) {
      const path = `/actions/jobs/${jobId}`
      const job = (await get(path, jobCall(jobId), jobSchema)).data
      if (job.id !== jobId) {
        throw new GitHubError(
          `GitHub answered GET /repos/${repository}${path} with job ${job.id}, not job ${jobId}; the report was not made.`
        )
      }
      return job
    },
    listAttemptJobs(runId, attempt) {
      return pages(
        `/actions/runs/${runId}/attempts/${attempt}/jobs`,
        'jobs',
        runCall(runId, `jobs of run ${runId} attempt ${attempt}`),
        jobSchema
      )
    },
    async getRun(runId) {
      return (await get(`/actions/runs/${runId}`, runCall(runId), runSchema)).data
    },
    async previousPushRun(workflowId, branch, before) {
      const query = `branch=${encodeURIComponent(branch)}&event=push&created=${encodeURIComponent(`<${before}`)}&per_page=1`
      const { data } = await get(
        `/actions/workflows/${workflowId}/runs?${query}`,
        runCall(workflowId, `runs of workflow ${workflowId}`),
        runsPageSchema
      )
      return data.workflow_runs?.[0]
    },
    async getRunAttempt(runId, attempt) {
      return (
        await get(
          `/actions/runs/${runId}/attempts/${attempt}`,
          runCall(runId, `workflow run ${runId} attempt ${attempt}`),
          runSchema
        )
      ).data
    },
    async listDeployments(sha) {
      const { data } = await get(
        `/deployments?sha=${encodeURIComponent(sha)}&per_page=${PAGE_SIZE}`,
        {
          what: `deployments of commit ${sha}`,
          permission: 'deployments',
          notFound: OTHER_REPOSITORY
        },
        deploymentsSchema
      )
      return data
    },
    async listDeploymentStatuses(deploymentId) {
      const { data } = await get(
        `/deployments/${deploymentId}/statuses?per_page=${PAGE_SIZE}`,
        {
          what: `statuses of deployment ${deploymentId}`,
          permission: 'deployments',
          notFound: `deployment ${deploymentId} may have been deleted, or ${OTHER_REPOSITORY}`
        },
        deploymentStatusesSchema
      )
      return data
    },
    async listEnvironmentDeployments(environment) {
      const { data } = await get(
        `/deployments?environment=${encodeURIComponent(environment)}&per_page=${PAGE_SIZE}`,
        {
          what: `deployments to environment "${environment}"`,
          permission: 'deployments',
          notFound: OTHER_REPOSITORY
        },
        deploymentsSchema
      )
      return data
    },
    async listCompletedRuns(workflow, before) {
      const query = `status=completed&created=${encodeURIComponent(`<${before}`)}&per_page=${RUN_HISTORY_PAGE}`
      const { data } = await get(
        `/actions/workflows/${encodeURIComponent(String(workflow))}/runs?${query}`,
        {
          what: `runs of workflow ${workflow}`,
          permission: 'actions',
          notFound: `the workflow ${workflow} (from GITHUB_WORKFLOW_REF) is not in ${repository}, or ${OTHER_REPOSITORY}`
        },
        runsPageSchema
      )
      return data.workflow_runs ?? []
    },
    compareCommits(baseSha, headSha) {
      return compare(baseSha, headSha, PAGE_SIZE).then((compared) => compared.commits)
    },
    compareNewest(baseSha, headSha, limit) {
      return compare(baseSha, headSha, limit)
    }
  }
}
