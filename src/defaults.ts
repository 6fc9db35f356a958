// Defaults, limits and patterns that the action and the CLI share, each defined once.
// action.yml repeats the input defaults (YAML cannot import); a test holds them equal.

/** The Harness cluster reports go to when sei-endpoint / --sei-endpoint is not set. */
export const DEFAULT_SEI_ENDPOINT = 'prod2'

/** The GitHub API when neither the runner nor an option names another (GitHub Enterprise). */
export const DEFAULT_API_URL = 'https://api.github.com'

/** The instance name SEI shows, and reports carry, when none is given. */
export const DEFAULT_INSTANCE_NAME = 'GitHub Actions'

/** The action's time budget for the whole report, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 60

/** The longest time budget allowed, so that a report never holds a runner for long. */
export const MAX_TIMEOUT_SECONDS = 600

/** The longest one HTTP attempt may take before it is abandoned (and retried). */
export const ATTEMPT_TIMEOUT_MS = 20_000

/** Branches whose successful deployments are hotfixes, a change failure of their environment. */
export const DEFAULT_HOTFIX_BRANCHES = 'hotfix/*, hotfix-*'

/** An SEI CI/CD instance GUID: 36 characters, hex digits in five groups. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
