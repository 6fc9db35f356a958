// Where the client's requests go, in one place: the post step sends its first requests
// before the client is loaded, and the client must ask for exactly the same URLs to be
// handed their answers (action/first-requests.ts).
import { DEFAULT_API_URL } from '../defaults.js'

/** Items per page of every listing the client reads. */
export const PAGE_SIZE = 100

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const NAME = /^[A-Za-z0-9._-]{1,100}$/

/** An owner and a repository name as GitHub allows them. */
export function isRepoName(owner: string, name: string): boolean {
  return OWNER.test(owner) && NAME.test(name) && name !== '.' && name !== '..'
}

/** The API root a step talks to, as the runner gives it, without a trailing slash. */
export function runnerApiUrl(env: NodeJS.ProcessEnv): string {
  return (env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, '')
}

/** `/repos/owner/name`, the prefix of every path the client reads in a repository. */
export const repoPrefix = (repository: string): string => `/repos/${repository}`

/** One job of a run, with its steps. */
export const jobPath = (jobId: number): string => `/actions/jobs/${jobId}`

/** The deployments of one commit, the newest page. */
export const commitDeploymentsPath = (sha: string): string =>
  `/deployments?sha=${encodeURIComponent(sha)}&per_page=${PAGE_SIZE}`

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
