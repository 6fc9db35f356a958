import { createHistoryClient } from '../../src/github/history.js'
import { Budget } from '../../src/http/retry.js'
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport.js'

/** A GitHub stand-in that answers every request with `answer`, and records what was asked. */
function historyOver(answer: HttpResponse) {
  const asked: HttpRequest[] = []
  const transport: Transport = {
    async send(request) {
      asked.push(request)
      return answer
    },
    async close() {}
  }
  const client = createHistoryClient({
    apiUrl: 'https://api.github.com/',
    token: 'ghs_sync',
    transport,
    budget: new Budget(10_000),
    tokenName: 'SYNC_TOKEN'
  })
  return { client, asked }
}

async function firstRepoError(answer: HttpResponse): Promise<Error> {
  const { client } = historyOver(answer)
  try {
    for await (const repo of client.orgRepos('octo-org', [])) void repo
  } catch (error) {
    return error as Error
  }
  throw new Error('the listing did not fail')
}

const LISTING = '/orgs/octo-org/repos?type=all&per_page=100&page=1'

describe('the sync listings name the sync token in their errors', () => {
  it('a refused token points at an installation or fine-grained token', async () => {
    const error = await firstRepoError({
      status: 401,
      headers: {},
      body: '{"message":"Bad credentials"}'
    })
    expect(error.message).toBe(
      `GitHub refused the token in SYNC_TOKEN (HTTP 401 on GET ${LISTING}): use a GitHub App installation token or a fine-grained token of the organisation.`
    )
  })

  it('a 404 names the read permissions the sync token needs', async () => {
    const error = await firstRepoError({
      status: 404,
      headers: {},
      body: '{"message":"Not Found"}'
    })
    expect(error.message).toBe(
      `GitHub answered 404 on GET ${LISTING}: the token in SYNC_TOKEN cannot read the repositories of octo-org; it needs "Actions: read", "Contents: read" and "Deployments: read" on the repositories (GitHub answers 404 for what a token cannot see).`
    )
  })

  it('an answer that is not JSON names the request, as the report calls do', async () => {
    const error = await firstRepoError({ status: 200, headers: {}, body: '<html>' })
    expect(error.message).toBe(`GitHub answered GET ${LISTING} with something that is not JSON.`)
  })
})

describe('the sync listings ask unchanged pages with their ETag', () => {
  it('sends If-None-Match and takes a 304 page from the cache', async () => {
    const { client, asked } = historyOver({ status: 304, headers: {}, body: '' })
    const cache = [
      { etag: 'W/"page-1"', repos: [{ owner: 'octo-org', name: 'api', archived: false }] }
    ]
    const repos = []
    for await (const repo of client.orgRepos('octo-org', cache)) repos.push(repo.name)
    expect(repos).toEqual(['api'])
    expect(asked).toHaveLength(1)
    expect(asked[0]!.headers['if-none-match']).toBe('W/"page-1"')
    expect(asked[0]!.headers.authorization).toBe('Bearer ghs_sync')
  })
})
