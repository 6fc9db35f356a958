// Loopback stand-ins for the GitHub REST API and the SEI endpoint. Both are real
// HTTP servers on 127.0.0.1 that count and record what they are sent.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { performance } from 'node:perf_hooks'

/** `latencyMs`: how long each answer takes, as a far-away API would (the bench sets it). */
export function listen(handler, latencyMs = 0) {
  const requests = []
  const sockets = new Set()
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const record = {
        method: req.method,
        path: req.url,
        headers: req.headers,
        body,
        at: Date.now(),
        // The same moment to the microsecond, for the timings of scripts/trace-post.mjs.
        time: performance.timeOrigin + performance.now()
      }
      requests.push(record)
      const answered =
        latencyMs > 0 ? delay(latencyMs).then(() => handler(record, res)) : handler(record, res)
      Promise.resolve(answered).catch((error) => {
        res.writeHead(500)
        res.end(String(error))
      })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          })
      })
    })
  })
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export function send(res, { status = 200, headers = {}, body = '', delayMs = 0 }) {
  if (delayMs > 0) {
    setTimeout(() => send(res, { status, headers, body }), delayMs)
    return
  }
  if (status === 'reset') {
    res.socket.destroy()
    return
  }
  if (status === 'hang') return
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(text)
}

/** Takes the next canned answer of the first fault whose pattern matches the path. */
function takeFault(faults, method, path) {
  for (const fault of faults) {
    if ((fault.method ?? method) !== method) continue
    if (!fault.match.test(path)) continue
    if (fault.responses.length > 0) return fault.responses.shift()
  }
  return undefined
}

/** GitHub's `created` qualifier: >=X, >X, <=X, <X, X..Y (either end may be *). */
export function createdMatcher(filter) {
  if (!filter) return () => true
  const ms = (text) => (text === '*' ? undefined : Date.parse(text))
  const range = /^(.+)\.\.(.+)$/.exec(filter)
  if (range) {
    const [from, to] = [ms(range[1]), ms(range[2])]
    return (t) => (from === undefined || t >= from) && (to === undefined || t <= to)
  }
  const op = /^(>=|<=|>|<)?(.+)$/.exec(filter)
  const at = Date.parse(op[2])
  const tests = {
    '>=': (t) => t >= at,
    '>': (t) => t > at,
    '<=': (t) => t <= at,
    '<': (t) => t < at,
    undefined: (t) => t === at
  }
  return tests[op[1]]
}

function paginate(list, url, fallback) {
  const perPage = Number(url.searchParams.get('per_page') ?? fallback)
  const page = Number(url.searchParams.get('page') ?? 1)
  return list.slice((page - 1) * perPage, page * perPage)
}

/**
 * Deployments and their statuses as GitHub keeps them: statuses newest first, and a
 * success marks every earlier successful deployment to the same environment
 * `inactive` (auto_inactive). `deployments` and `statuses` plug into a world.
 */
export function deploymentLog() {
  const deployments = []
  const statuses = {}
  const add = (id, state, at, logUrl) => {
    statuses[id].unshift({
      id: Number(`${id}${statuses[id].length + 1}`),
      state,
      created_at: at,
      log_url: logUrl ?? null,
      target_url: logUrl ?? null,
      environment: deployments.find((d) => d.id === id).environment
    })
  }
  return {
    deployments,
    statuses,
    create({ id, sha, ref = 'main', environment, at, logUrl }) {
      deployments.push({ id, sha, ref, environment, created_at: at, task: 'deploy' })
      statuses[id] = []
      add(id, 'waiting', at, logUrl)
      return id
    },
    setState(id, state, { at, logUrl } = {}) {
      const deployment = deployments.find((d) => d.id === id)
      if (state === 'success') {
        for (const other of deployments) {
          const earlier = Date.parse(other.created_at) < Date.parse(deployment.created_at)
          const states = statuses[other.id].map((s) => s.state)
          if (
            other.environment === deployment.environment &&
            other.id !== id &&
            earlier &&
            states.includes('success') &&
            states[0] !== 'inactive'
          ) {
            add(other.id, 'inactive', at)
          }
        }
      }
      add(id, state, at, logUrl ?? statuses[id][0]?.log_url)
    }
  }
}

/**
 * world: { owner, repo, jobs, run, runs: {id: run}, attempts: {"id/n": run},
 *          attemptJobs: {"id/n": jobs}, deployments: [], statuses: {id: []},
 *          compare: {"base...head": [sha]}, messages: {sha: message}, faults: [] }
 * `runs` holds each run as its latest attempt; `attempts` an earlier attempt as GitHub
 * answers it (its own conclusion and times).
 */
export function startFakeGitHub(world = {}) {
  const faults = world.faults ?? []
  const prefix = `/repos/${world.owner ?? 'octo-org'}/${world.repo ?? 'octo-repo'}`
  return listen((req, res) => {
    const fault = takeFault(faults, req.method, req.path)
    if (fault) return send(res, fault)
    const url = new URL(req.path, 'http://x')
    const path = url.pathname
    if (!path.startsWith(prefix)) return send(res, { status: 404, body: { message: 'Not Found' } })
    const rest = path.slice(prefix.length)
    const jobs = world.jobs ?? []
    let m
    if ((m = /^\/actions\/jobs\/(\d+)$/.exec(rest))) {
      const job = jobs.find((j) => String(j.id) === m[1])
      return send(res, job ? { body: job } : { status: 404, body: { message: 'Not Found' } })
    }
    if ((m = /^\/actions\/runs\/(\d+)\/attempts\/(\d+)\/jobs$/.exec(rest))) {
      const all =
        world.attemptJobs?.[`${m[1]}/${m[2]}`] ??
        jobs.filter((j) => String(j.run_id) === m[1] && String(j.run_attempt ?? 1) === m[2])
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const page = Number(url.searchParams.get('page') ?? 1)
      const slice = all.slice((page - 1) * perPage, page * perPage)
      return send(res, { body: { total_count: all.length, jobs: slice } })
    }
    if (rest === '/actions/runs') {
      // The repository's runs created in the window, newest first, as sync lists them.
      const created = createdMatcher(url.searchParams.get('created'))
      const runs = Object.values(world.runs ?? {})
        .filter((run) => created(Date.parse(run.created_at)))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
      return send(res, {
        body: { total_count: runs.length, workflow_runs: paginate(runs, url, 30) }
      })
    }
    if ((m = /^\/actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(rest))) {
      const attempt = world.attempts?.[`${m[1]}/${m[2]}`]
      if (attempt) return send(res, { body: attempt })
      const run = world.runs?.[m[1]] ?? world.run
      return send(
        res,
        run
          ? { body: { ...run, run_attempt: Number(m[2]) } }
          : { status: 404, body: { message: 'Not Found' } }
      )
    }
    if ((m = /^\/actions\/runs\/(\d+)$/.exec(rest))) {
      const run =
        world.runs?.[m[1]] ?? (world.run && String(world.run.id) === m[1] ? world.run : undefined)
      return send(res, run ? { body: run } : { status: 404, body: { message: 'Not Found' } })
    }
    if ((m = /^\/actions\/workflows\/([^/]+)\/runs$/.exec(rest))) {
      // Newest first, filtered as GitHub filters branch, event, status and created=<ISO;
      // the workflow is named by its id or its file name.
      const branch = url.searchParams.get('branch')
      const event = url.searchParams.get('event')
      const status = url.searchParams.get('status')
      const before = (url.searchParams.get('created') ?? '').replace(/^</, '')
      const workflow = decodeURIComponent(m[1])
      const runs = Object.values(world.runs ?? {})
        .filter(
          (run) =>
            String(run.workflow_id) === workflow || (run.path ?? '').split('/').pop() === workflow
        )
        .filter((run) => (!branch || run.head_branch === branch) && (!event || run.event === event))
        .filter((run) => !status || run.status === status)
        .filter((run) => !before || Date.parse(run.created_at) < Date.parse(before))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      return send(res, {
        body: { total_count: runs.length, workflow_runs: runs.slice(0, perPage) }
      })
    }
    if (rest === '/deployments') {
      // Newest first, filtered by sha and environment, paginated (default 30), as GitHub does.
      const sha = url.searchParams.get('sha')
      const environment = url.searchParams.get('environment')
      const list = (world.deployments ?? [])
        .filter((d) => (!sha || d.sha === sha) && (!environment || d.environment === environment))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
      return send(res, { body: paginate(list, url, 30) })
    }
    if ((m = /^\/deployments\/(\d+)\/statuses$/.exec(rest))) {
      return send(res, { body: paginate(world.statuses?.[m[1]] ?? [], url, 30) })
    }
    if ((m = /^\/compare\/(.+)$/.exec(rest))) {
      const range = decodeURIComponent(m[1])
      const shas = world.compare?.[range]
      if (!shas) return send(res, { status: 404, body: { message: 'Not Found' } })
      const perPage = Number(url.searchParams.get('per_page') ?? 250)
      const page = Number(url.searchParams.get('page') ?? 1)
      const slice = shas.slice((page - 1) * perPage, page * perPage)
      const [base, head] = range.split('...')
      // Without commits, head is behind base (or is base); a diverged pair is not modelled.
      const status = shas.length > 0 ? 'ahead' : base === head ? 'identical' : 'behind'
      const commit = (sha) => ({
        sha,
        commit: { message: world.messages?.[sha] ?? `Change ${sha.slice(0, 7)}` }
      })
      return send(res, {
        body: { status, total_commits: shas.length, commits: slice.map(commit) }
      })
    }
    return send(res, { status: 404, body: { message: 'Not Found' } })
  }, world.latencyMs)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const RESULTS = ['SUCCESS', 'FAILURE', 'ABORTED', 'UNSTABLE', 'NOT_BUILT']

function checkNode(node, where, problems) {
  if (typeof node.id !== 'string' || node.id === '') problems.push(`${where}.id missing`)
  if (
    typeof node.displayDescription !== 'string' ||
    node.displayDescription === '' ||
    node.displayDescription.length > 200
  ) {
    problems.push(`${where}.displayDescription must be 1..200 characters`)
  }
  if (!Number.isInteger(node.durationInMillis) || node.durationInMillis < 0)
    problems.push(`${where}.durationInMillis missing`)
  for (const key of ['result', 'state']) {
    if (typeof node[key] !== 'string' || node[key].length > 30)
      problems.push(`${where}.${key} must be text of at most 30`)
  }
  if (node.startTime !== undefined && Number.isNaN(Date.parse(node.startTime)))
    problems.push(`${where}.startTime not ISO`)
}

/** What the SEI server would refuse or silently mangle, as read from its source. */
export function wireProblems(payload) {
  const problems = []
  for (const key of ['pipeline', 'job_full_name', 'qualified_name', 'instance_name', 'result']) {
    if (typeof payload[key] !== 'string' || payload[key] === '') problems.push(`${key} missing`)
  }
  if (!UUID.test(payload.instance_guid ?? '')) problems.push('instance_guid is not a UUID')
  if (!RESULTS.includes(payload.result))
    problems.push(`result ${payload.result} is not Jenkins vocabulary`)
  if (!Number.isInteger(payload.start_time) || payload.start_time < 1e12)
    problems.push('start_time is not epoch ms')
  if (!Number.isInteger(payload.duration) || payload.duration < 0)
    problems.push('duration is not whole ms')
  if (!Number.isInteger(payload.build_number) || payload.build_number <= 0)
    problems.push('build_number missing')
  if (payload.ci === payload.cd) problems.push('exactly one of ci/cd must be true')
  for (const sha of payload.scm_commit_ids ?? []) {
    if (!/^[0-9a-f]{40}$/.test(sha)) problems.push(`commit ${sha} is not a full SHA`)
  }
  const stages = payload.job_run?.stages ?? []
  const stageIds = new Set()
  stages.forEach((stage, i) => {
    checkNode(stage, `stages[${i}]`, problems)
    if (stageIds.has(stage.id)) problems.push(`stage id ${stage.id} repeated`)
    stageIds.add(stage.id)
    const stepIds = new Set()
    ;(stage.steps ?? []).forEach((step, j) => {
      checkNode(step, `stages[${i}].steps[${j}]`, problems)
      if (stepIds.has(step.id)) problems.push(`step id ${step.id} repeated in stage ${stage.id}`)
      stepIds.add(step.id)
    })
  })
  return problems
}

export const ACCEPTED = {
  status: 202,
  body: { response_type: 'JenkinsPluginJobRunCompleteResponse', payload: '{"run_ids":[]}' }
}

/** POST /v1/cicd/instances: {integration_id, name, type} → {id}, as the SEI server answers. */
function createInstance(req, res, { key, instances, instanceResponses }) {
  const next = instanceResponses.shift()
  if (next) return send(res, next)
  if (key !== undefined && req.headers.authorization !== `ApiKey ${key}`) {
    return send(res, { status: 401, body: { message: 'Unauthorized' } })
  }
  let body
  try {
    body = JSON.parse(req.body)
  } catch {
    return send(res, { status: 400, body: { payload: 'body is not JSON' } })
  }
  for (const field of ['integration_id', 'name']) {
    if (typeof body[field] !== 'string' || body[field] === '') {
      return send(res, { status: 400, body: { payload: `${field} field is missing in request` } })
    }
  }
  const instance = { ...body, id: randomUUID() }
  instances.push(instance)
  return send(res, { status: 200, body: { id: instance.id } })
}

/**
 * options: { responses: [canned answers before the default 202], key: expected API key,
 *            instanceResponses: [canned answers to POST /v1/cicd/instances], latencyMs }
 */
export function startFakeSei({ responses = [], key, instanceResponses = [], latencyMs = 0 } = {}) {
  const reports = []
  const problems = []
  const instances = []
  return listen((req, res) => {
    if (req.method === 'POST' && req.path === '/v1/cicd/instances') {
      return createInstance(req, res, { key, instances, instanceResponses })
    }
    if (req.method !== 'POST' || req.path !== '/v1/custom-cicd') {
      return send(res, { status: 404, body: { message: 'no such endpoint' } })
    }
    const next = responses.shift()
    if (next) return send(res, next)
    if (key !== undefined && req.headers.authorization !== `ApiKey ${key}`) {
      return send(res, { status: 401, body: { message: 'Unauthorized' } })
    }
    if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
      problems.push('content-type is not JSON')
    let payload
    try {
      payload = JSON.parse(req.body)
    } catch {
      problems.push('body is not JSON')
      return send(res, { status: 400, body: { payload: 'body is not JSON' } })
    }
    const found = wireProblems(payload)
    problems.push(...found)
    if (found.length > 0) return send(res, { status: 400, body: { payload: found[0] } })
    reports.push(payload)
    return send(res, ACCEPTED)
  }, latencyMs).then((server) => ({ ...server, reports, problems, instances }))
}
