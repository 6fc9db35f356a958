// The GitHub client the attempts of one run are collected with: the repository's
// client, with each answer asked once (the attempts of a run, and the job reports of
// an attempt, share the compare, the deployments and the previous push run), and the
// previous push run of the workflow on the branch taken from the listing the sync
// walks when it is there.
import type { GitHubClient, PushRunQuery } from '../github/client.js'
import type { GitHubRun } from '../github/types.js'

type Method = (...args: unknown[]) => Promise<unknown>

export function runClient(client: GitHubClient, previousPush?: GitHubRun): GitHubClient {
  const answers = new Map<string, Promise<unknown>>()
  const wrapped = Object.create(client) as GitHubClient
  const record = client as unknown as Record<string, unknown>
  for (const name of Object.keys(client)) {
    const method = record[name]
    if (typeof method !== 'function') continue
    const ask = (...args: unknown[]) => {
      const key = `${name} ${JSON.stringify(args)}`
      let answer = answers.get(key)
      if (!answer) {
        answer = (method as Method).apply(client, args)
        answers.set(key, answer)
      }
      return answer
    }
    const value =
      name === 'previousPushRun' && previousPush
        ? (query: PushRunQuery) =>
            Date.parse(previousPush.created_at) < Date.parse(query.before)
              ? Promise.resolve(previousPush)
              : ask(query)
        : ask
    Object.defineProperty(wrapped, name, { value })
  }
  return wrapped
}
