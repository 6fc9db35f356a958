// The pure parts of the sync command line: times (--since, --until), the share of
// repositories (--shard), the repositories themselves (--repo), and where each sync
// starts reading again for re-runs (--rerun-window).
import { isRepoName } from '../github/paths.js'

const AGO = /^(\d+)([dh])$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/** DATE (2026-01-01, or an ISO time) or Nd / Nh back from `now`; undefined when not one. */
export function parseTime(raw: string, now: number): string | undefined {
  const ago = AGO.exec(raw)
  if (ago) {
    const hours = Number(ago[1]) * (ago[2] === 'd' ? 24 : 1)
    return new Date(now - hours * 3_600_000).toISOString()
  }
  if (!DATE_ONLY.test(raw) && !/^\d{4}-\d{2}-\d{2}T/.test(raw)) return undefined
  const ms = Date.parse(DATE_ONLY.test(raw) ? `${raw}T00:00:00Z` : raw)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/** Nd or Nh as milliseconds; undefined when not that. */
export function parseDuration(raw: string): number | undefined {
  const ago = AGO.exec(raw)
  if (!ago) return undefined
  return Number(ago[1]) * (ago[2] === 'd' ? 24 : 1) * 3_600_000
}

const DAY_MS = 86_400_000

/**
 * Where a sync reads again from, to find re-runs of runs it has reported: `windowMs`
 * back from `now`, down to the start of that UTC day. The time is the same all day,
 * so the listing's address, and with it its ETag, stays the same from one sync to
 * the next; the window read is between `windowMs` and a day more.
 */
export function rerunStart(now: number, windowMs: number): string {
  const back = now - windowMs
  return new Date(back - (((back % DAY_MS) + DAY_MS) % DAY_MS)).toISOString()
}

/** The earlier of two ISO times. */
export function earlier(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b
}

export interface Shard {
  /** 1-based. */
  index: number
  count: number
}

/** I/N with 1 <= I <= N; undefined when not that. */
export function parseShard(raw: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(raw)
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  return index >= 1 && index <= count ? { index, count } : undefined
}

/** FNV-1a of the lower-cased name: the same share on every runner and every day. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5
  for (const byte of Buffer.from(name.toLowerCase(), 'utf8')) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

export function inShard(fullName: string, shard: Shard | undefined): boolean {
  return shard === undefined || nameHash(fullName) % shard.count === shard.index - 1
}

const REPO = /^([^/\s]+)\/([^/\s]+)$/

/** OWNER/NAME values, several per value when separated by commas or white space. */
export function parseRepos(values: string[]): { owner: string; name: string }[] | string {
  const repos: { owner: string; name: string }[] = []
  for (const item of values.flatMap((value) => value.split(/[\s,]+/)).filter(Boolean)) {
    const match = REPO.exec(item)
    if (!match || !isRepoName(match[1]!, match[2]!)) return item
    repos.push({ owner: match[1]!, name: match[2]! })
  }
  return repos
}
