import { createGitHubClient } from '../../src/github/client.js'
import { Budget } from '../../src/http/retry.js'
import type { HttpRequest, Transport } from '../../src/http/transport.js'
import { sha } from '../fixtures/runs.js'

const BASE = sha(9000)
const HEAD = sha(9001)

/** The compare API over `total` commits, oldest first, paginated as GitHub does. */
function compareApi(total: number) {
  const commits = Array.from({ length: total }, (_, i) => sha(i + 1))
  const asked: string[] = []
  const transport: Transport = {
    async send(request: HttpRequest) {
      const url = new URL(request.url)
      asked.push(url.pathname.split('/compare/')[1] + url.search)
      const perPage = Number(url.searchParams.get('per_page'))
      const page = Number(url.searchParams.get('page'))
      const slice = commits.slice((page - 1) * perPage, page * perPage)
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ total_commits: total, commits: slice.map((s) => ({ sha: s })) })
      }
    },
    async close() {}
  }
  const client = createGitHubClient({
    apiUrl: 'https://api.github.com',
    token: 'ghs_test',
    owner: 'octo-org',
    repo: 'octo-repo',
    transport,
    budget: new Budget(10_000)
  })
  return { client, commits, asked }
}

describe('compareCommits', () => {
  it('returns a short comparison from one request, oldest first', async () => {
    const api = compareApi(30)
    expect(await api.client.compareCommits(BASE, HEAD)).toEqual(api.commits)
    expect(api.asked).toEqual([`${BASE}...${HEAD}?per_page=100&page=1`])
  })

  it('returns the newest 100 of a long comparison, reading the last two pages', async () => {
    const api = compareApi(250)
    expect(await api.client.compareCommits(BASE, HEAD)).toEqual(api.commits.slice(150))
    expect(api.asked).toEqual([
      `${BASE}...${HEAD}?per_page=100&page=1`,
      `${BASE}...${HEAD}?per_page=100&page=2`,
      `${BASE}...${HEAD}?per_page=100&page=3`
    ])
  })

  it('reuses the first page when the comparison has two', async () => {
    const api = compareApi(130)
    expect(await api.client.compareCommits(BASE, HEAD)).toEqual(api.commits.slice(30))
    expect(api.asked).toHaveLength(2)
  })
})

describe('compareNewest', () => {
  it('reads page 1 for the total, then only the pages that hold the newest 1,000, at once', async () => {
    const api = compareApi(2345)
    const { commits, total } = await api.client.compareNewest({
      base: BASE,
      head: HEAD,
      limit: 1000
    })
    expect(total).toBe(2345)
    expect(commits).toEqual(api.commits.slice(1345))
    expect(api.asked).toEqual(
      [1, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24].map(
        (page) => `${BASE}...${HEAD}?per_page=100&page=${page}`
      )
    )
  })

  it('a range shorter than the limit comes whole, in as many pages as it has', async () => {
    const api = compareApi(250)
    const { commits, total } = await api.client.compareNewest({
      base: BASE,
      head: HEAD,
      limit: 1000
    })
    expect([commits, total]).toEqual([api.commits, 250])
    expect(api.asked).toHaveLength(3)
  })
})
