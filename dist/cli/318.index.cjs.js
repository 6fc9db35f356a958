"use strict";
exports.id = 318;
exports.ids = [318];
exports.modules = {

/***/ 776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ac: () => (/* binding */ parseOptions),
/* harmony export */   D5: () => (/* binding */ timeoutOption),
/* harmony export */   FD: () => (/* binding */ out),
/* harmony export */   Ij: () => (/* binding */ EXIT_OK),
/* harmony export */   Pp: () => (/* binding */ stringOption),
/* harmony export */   Ve: () => (/* binding */ requireOption),
/* harmony export */   _q: () => (/* binding */ err),
/* harmony export */   d1: () => (/* binding */ runCommand),
/* harmony export */   eb: () => (/* binding */ UsageError)
/* harmony export */ });
/* unused harmony exports EXIT_FAILED, EXIT_USAGE */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
// Command-line options of the CLI commands: parsed strictly, so that a typo is a
// usage error (exit 2) rather than an option silently ignored.

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
class UsageError extends Error {
    name = 'UsageError';
}
/** Parses `args` against `spec` (plus --help/-h); throws UsageError naming the problem. */
function parseOptions(args, spec) {
    try {
        const { values } = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({
            args,
            options: { ...spec, help: { type: 'boolean', short: 'h' } },
            strict: true,
            allowPositionals: false
        });
        return values;
    }
    catch (cause) {
        throw new UsageError(cause.message.split('\n')[0]);
    }
}
function stringOption(values, name) {
    const value = values[name];
    return typeof value === 'string' ? value.trim() : undefined;
}
function requireOption(values, name) {
    const value = stringOption(values, name);
    if (!value)
        throw new UsageError(`--${name} is required.`);
    return value;
}
/** A whole number of seconds for the time budget, 1 to 600. */
function timeoutOption(values, fallback) {
    const raw = stringOption(values, 'timeout-seconds');
    if (raw === undefined)
        return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || value > 600) {
        throw new UsageError(`--timeout-seconds is "${raw}": use a whole number from 1 to 600.`);
    }
    return value;
}
function out(text) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
function err(text) {
    process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
/** Runs a command body: usage errors print the help and give 2, other errors give 1. */
async function runCommand(help, body, known) {
    try {
        return await body();
    }
    catch (cause) {
        if (cause instanceof UsageError) {
            err(`${cause.message}\n\n${help}`);
            return EXIT_USAGE;
        }
        if (known.some((type) => cause instanceof type)) {
            err(cause.message);
            return EXIT_FAILED;
        }
        const message = cause instanceof Error ? cause.message : String(cause);
        err(`sei-cicd-action stopped on an unexpected error: ${message.split('\n')[0]}. Please report it.`);
        return EXIT_FAILED;
    }
}


/***/ }),

/***/ 3318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HELP: () => (/* binding */ HELP),
  PLACEHOLDER_GUID: () => (/* binding */ PLACEHOLDER_GUID),
  command: () => (/* binding */ command),
  serverUrlOf: () => (/* binding */ serverUrlOf)
});

// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
;// CONCATENATED MODULE: ./src/github/client.ts
// The few GitHub REST calls the report needs, with errors that say what to change.

/** The `permissions:` block that lets the token read runs and jobs, as one line of YAML. */
const PERMISSIONS_BLOCK = 'permissions: { contents: read, actions: read }';
const PERMISSIONS_HINT = `add \`actions: read\` to the workflow or this job: \`${PERMISSIONS_BLOCK}\``;
const OTHER_REPOSITORY = 'github-token may belong to another repository (GitHub answers 404 for what a token cannot see)';
function permissionHint(permission) {
    if (permission === 'actions')
        return PERMISSIONS_HINT;
    const block = permission === 'deployments'
        ? 'permissions: { contents: read, actions: read, deployments: read }'
        : PERMISSIONS_BLOCK;
    return `add \`${permission}: read\` to the workflow or this job: \`${block}\``;
}
class GitHubError extends Error {
    status;
    name = 'GitHubError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
const PAGE_SIZE = 100;
function messageOf(response) {
    try {
        const body = JSON.parse(response.body);
        if (typeof body.message === 'string')
            return body.message;
    }
    catch {
        // not JSON
    }
    return response.body.slice(0, 200).replace(/\s+/g, ' ').trim();
}
function resetTime(response) {
    const reset = Number(response.headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0
        ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
        : '';
}
function createGitHubClient(options) {
    const base = `${options.apiUrl.replace(/\/+$/, '')}/repos/${options.owner}/${options.repo}`;
    const repository = `${options.owner}/${options.repo}`;
    let requestCount = 0;
    const jobCall = (jobId) => ({
        what: `job ${jobId}`,
        permission: 'actions',
        notFound: `the job id comes from job.check_run_id, which is not the job id on older GitHub Enterprise Server, or ${OTHER_REPOSITORY}`
    });
    const runCall = (runId, what = `workflow run ${runId}`) => ({
        what,
        permission: 'actions',
        notFound: `when run-id is set, it must be a run of ${repository} (the number after /actions/runs/ in the run's URL); else ${OTHER_REPOSITORY}`
    });
    function failure(response, path, call, delivery) {
        const said = messageOf(response);
        const request = `GET ${path}`;
        const { status } = response;
        if (status === 401) {
            return new GitHubError(`GitHub refused the token (HTTP 401 on ${request}): check the github-token input; the default \${{ github.token }} works.`, 401);
        }
        if ((0,retry/* isRateLimited */.Jz)(response) || (status === 403 && /rate limit/i.test(said))) {
            return new GitHubError(`GitHub's API rate limit for this token is used up${resetTime(response)} (HTTP ${status} on ${request}): the report was not made; re-run later or raise timeout-seconds to wait for the reset.`, status);
        }
        if (status === 403) {
            return new GitHubError(`GitHub answered 403 "${said}" on ${request}: the token cannot read ${call.what}; ${permissionHint(call.permission)}.`, 403);
        }
        if (status === 404) {
            return new GitHubError(`GitHub found no ${call.what} in ${repository} (HTTP 404 on ${request}): ${call.notFound}.`, 404);
        }
        return new GitHubError(`GitHub answered HTTP ${status} on ${request} after ${delivery.attempts} attempt(s)${said ? `: ${said}` : ''}; the report was not made.`, status);
    }
    async function get(path, call) {
        const url = `${base}${path}`;
        const delivery = await (0,retry/* sendWithRetry */.lx)({
            send: (request) => {
                requestCount++;
                return options.transport.send(request);
            },
            close: () => options.transport.close()
        }, {
            method: 'GET',
            url,
            headers: {
                accept: 'application/vnd.github+json',
                authorization: `Bearer ${options.token}`,
                'user-agent': options.userAgent ?? 'sei-cicd-action',
                'x-github-api-version': '2022-11-28'
            }
        }, options.budget, options.policy, options.hooks, retry/* isGitHubRetried */.$v);
        const response = delivery.response;
        if (!response) {
            throw new GitHubError(`Could not reach the GitHub API at ${options.apiUrl} (${delivery.error?.message ?? 'no answer'}, ${delivery.attempts} attempt(s)); the report was not made.`);
        }
        if (response.status < 200 || response.status >= 300) {
            throw failure(response, `/repos/${repository}${path}`, call, delivery);
        }
        try {
            return { data: JSON.parse(response.body), response };
        }
        catch {
            throw new GitHubError(`GitHub answered ${path} with something that is not JSON; the report was not made.`);
        }
    }
    async function pages(path, key, call) {
        const items = [];
        const separator = path.includes('?') ? '&' : '?';
        for (let page = 1;; page++) {
            const { data } = await get(`${path}${separator}per_page=${PAGE_SIZE}&page=${page}`, call);
            const batch = Array.isArray(data[key]) ? data[key] : [];
            items.push(...batch);
            const total = typeof data.total_count === 'number' ? data.total_count : undefined;
            if (batch.length < PAGE_SIZE || (total !== undefined && items.length >= total))
                return items;
        }
    }
    return {
        budget: options.budget,
        get requestCount() {
            return requestCount;
        },
        async getJob(jobId) {
            return (await get(`/actions/jobs/${jobId}`, jobCall(jobId))).data;
        },
        listAttemptJobs(runId, attempt) {
            return pages(`/actions/runs/${runId}/attempts/${attempt}/jobs`, 'jobs', runCall(runId, `jobs of run ${runId} attempt ${attempt}`));
        },
        async getRun(runId) {
            return (await get(`/actions/runs/${runId}`, runCall(runId))).data;
        },
        async getRunAttempt(runId, attempt) {
            return (await get(`/actions/runs/${runId}/attempts/${attempt}`, runCall(runId, `workflow run ${runId} attempt ${attempt}`))).data;
        },
        async listDeployments(sha) {
            const { data } = await get(`/deployments?sha=${encodeURIComponent(sha)}&per_page=${PAGE_SIZE}`, {
                what: `deployments of commit ${sha}`,
                permission: 'deployments',
                notFound: OTHER_REPOSITORY
            });
            return Array.isArray(data) ? data : [];
        },
        async listDeploymentStatuses(deploymentId) {
            const { data } = await get(`/deployments/${deploymentId}/statuses?per_page=${PAGE_SIZE}`, {
                what: `statuses of deployment ${deploymentId}`,
                permission: 'deployments',
                notFound: `deployment ${deploymentId} may have been deleted, or ${OTHER_REPOSITORY}`
            });
            return Array.isArray(data) ? data : [];
        },
        async compareCommits(baseSha, headSha) {
            const what = {
                what: `comparison ${baseSha.slice(0, 7)}...${headSha.slice(0, 7)}`,
                permission: 'contents',
                notFound: `one of the commits is no longer in ${repository} (a force push), or ${OTHER_REPOSITORY}`
            };
            const page = async (n) => {
                const { data } = await get(`/compare/${baseSha}...${headSha}?per_page=${PAGE_SIZE}&page=${n}`, what);
                return { total: data.total_commits ?? 0, shas: (data.commits ?? []).map((c) => c.sha) };
            };
            const first = await page(1);
            const last = Math.ceil(first.total / PAGE_SIZE);
            if (last <= 1)
                return first.shas;
            const tail = await page(last);
            const before = last - 1 === 1 ? first : await page(last - 1);
            return [...before.shas, ...tail.shas].slice(-PAGE_SIZE);
        }
    };
}

;// CONCATENATED MODULE: ./src/mapping/time.ts
// GitHub timestamps: step times carry offsets (-08:00), job times use Z. Compare as numbers.
function toMillis(value) {
    if (!value)
        return undefined;
    const millis = Date.parse(value);
    return Number.isNaN(millis) ? undefined : millis;
}
/** Milliseconds from start to end, 0 when either is unknown or the end comes first. */
function durationBetween(start, end) {
    if (start === undefined || end === undefined)
        return 0;
    return Math.max(0, Math.round(end - start));
}
function toIso(millis) {
    return new Date(millis).toISOString();
}

;// CONCATENATED MODULE: ./src/github/deployments.ts


/** Deployment and run times come from different GitHub services: allow for skew. */
const CREATION_SLACK_MS = 60_000;
/** Deployments of the target's commit created since it started, newest first. */
function candidateDeployments(deployments, target) {
    return deployments
        .filter((d) => d.sha === target.sha &&
        (toMillis(d.created_at) ?? -Infinity) >= target.since - CREATION_SLACK_MS)
        .sort((a, b) => (toMillis(b.created_at) ?? 0) - (toMillis(a.created_at) ?? 0));
}
/** True when a status URL is the log of the target run (and, for a job, of that job). */
function linksToTarget(url, target) {
    if (!url)
        return false;
    let path;
    try {
        path = new URL(url).pathname;
    }
    catch {
        return false;
    }
    const match = /\/actions\/runs\/(\d+)(?:\/attempts\/\d+)?(?:\/job\/(\d+))?\/?$/.exec(path);
    if (!match || match[1] !== String(target.runId))
        return false;
    return target.jobId === undefined || match[2] === String(target.jobId);
}
function statusesLinkToTarget(statuses, target) {
    return statuses.some((status) => linksToTarget(status.log_url, target) || linksToTarget(status.target_url, target));
}
/**
 * The first deployment the target made, or undefined. One request for the commit's
 * deployments, then one per deployment created since the target started, newest
 * first, until one links back to the target.
 */
async function findDeployment(client, target) {
    const candidates = candidateDeployments(await client.listDeployments(target.sha), target);
    for (const deployment of candidates) {
        const statuses = await client.listDeploymentStatuses(deployment.id);
        if (statusesLinkToTarget(statuses, target)) {
            return { environment: deployment.environment, deploymentId: deployment.id };
        }
    }
    return undefined;
}
/** `cd: true` and `cd: false` decide alone, without a request; `auto` asks GitHub. */
async function decideCd(mode, client, target) {
    if (mode !== 'auto')
        return { cd: mode === 'true' };
    if (!target.sha)
        return { cd: false };
    try {
        return { cd: (await findDeployment(client, target)) !== undefined };
    }
    catch (cause) {
        const status = cause instanceof GitHubError ? cause.status : undefined;
        const hint = status === 403
            ? 'add `deployments: read` under `permissions:`, or set cd: true or cd: false'
            : 'set cd: true or cd: false to decide without the deployments API';
        return {
            cd: false,
            notice: `cd: auto could not read the deployments of commit ${target.sha.slice(0, 12)} (${status ? `HTTP ${status}` : 'no answer'}), so the run is reported as CI; ${hint}.`
        };
    }
}

;// CONCATENATED MODULE: ./src/github/find-job.ts
// Which job of the run is the one running this step.

/** How often, and how far apart, the job list is read again while the API lags. */
const LOOKUP_DELAYS_MS = [1000, 2000, 3000, 4000];
/** Hosted runners may list as "GitHub Actions" while RUNNER_NAME ends in the runner id. */
function runsOnRunner(job, runnerName) {
    if (!runnerName)
        return false;
    if (job.runner_name === runnerName)
        return true;
    const id = job.runner_id;
    return typeof id === 'number' && id > 0 && new RegExp(`[-_ ]${id}$`).test(runnerName);
}
function pickCurrentJob(jobs, runnerName) {
    const candidates = jobs.filter((job) => job.status === 'in_progress' && runsOnRunner(job, runnerName));
    return candidates.sort((a, b) => Date.parse(b.started_at ?? '') - Date.parse(a.started_at ?? ''))[0];
}
/** Looks the job up, and again while the API lags, as long as the step's budget allows. */
async function findCurrentJob(client, locator, delays = LOOKUP_DELAYS_MS) {
    if (locator.checkRunId !== undefined)
        return client.getJob(locator.checkRunId);
    for (let attempt = 0;; attempt++) {
        const jobs = await client.listAttemptJobs(locator.runId, locator.runAttempt);
        const job = pickCurrentJob(jobs, locator.runnerName);
        if (job)
            return job;
        const delay = delays[attempt];
        if (delay === undefined || delay >= client.budget.remaining()) {
            throw new GitHubError(`No in-progress job of run ${locator.runId} attempt ${locator.runAttempt} runs on runner "${locator.runnerName}" (${jobs.length} job(s) listed, ${attempt + 1} look-ups): the runner may not expose job.check_run_id here; set scope: workflow in a last job instead.`);
        }
        await client.budget.clock.sleep(delay);
    }
}

// EXTERNAL MODULE: ./src/sei/schema.ts
var schema = __webpack_require__(6348);
;// CONCATENATED MODULE: ./src/mapping/run-info.ts
function record(value) {
    return typeof value === 'object' && value !== null ? value : {};
}
function eventField(event, ...path) {
    let value = event;
    for (const key of path)
        value = record(value)[key];
    return value;
}
function runFromContext(context) {
    const isPullRequest = context.eventName.startsWith('pull_request');
    return {
        owner: context.owner,
        repo: context.repo,
        serverUrl: context.serverUrl,
        workflowName: context.workflow || context.jobKey || 'workflow',
        runId: context.runId,
        runNumber: context.runNumber,
        runAttempt: context.runAttempt,
        eventName: context.eventName,
        event: context.event,
        sha: context.sha,
        branch: isPullRequest && context.headRef ? context.headRef : context.refName,
        actor: context.triggeringActor
    };
}
/** A run read from the API. `event` is the payload when one is at hand (workflow_run's). */
function runFromApi(context, run, event = {}) {
    return {
        owner: context.owner,
        repo: context.repo,
        serverUrl: context.serverUrl,
        workflowName: run.name || run.path || 'workflow',
        runId: run.id,
        runNumber: run.run_number,
        runAttempt: run.run_attempt ?? 1,
        eventName: run.event,
        event,
        sha: run.head_sha,
        branch: run.head_branch ?? '',
        actor: run.triggering_actor?.login ?? run.actor?.login ?? '',
        startedAt: run.run_started_at ?? run.created_at
    };
}

;// CONCATENATED MODULE: ./src/mapping/commits.ts
// The commits a run is about, as full SHAs SEI can match against its SCM data.


const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO_SHA = /^0+$/;
/** How many commits a push payload lists at most; more means the list was cut. */
const PUSH_PAYLOAD_COMMITS = 20;
function pushedCommits(event) {
    const commits = eventField(event, 'commits');
    if (!Array.isArray(commits))
        return [];
    return commits
        .map((commit) => eventField(commit, 'id'))
        .filter((id) => typeof id === 'string');
}
function isCommitSha(value) {
    return typeof value === 'string' && FULL_SHA.test(value) && !ZERO_SHA.test(value);
}
/**
 * The range to read from the compare API when a push payload lists as many commits
 * as it can hold; undefined when the payload's list is complete or there is nothing
 * to compare against (a new branch).
 */
function truncatedPush(run) {
    if (run.eventName !== 'push')
        return undefined;
    if (pushedCommits(run.event).length < PUSH_PAYLOAD_COMMITS)
        return undefined;
    const base = eventField(run.event, 'before');
    const head = eventField(run.event, 'after');
    return isCommitSha(base) && isCommitSha(head) ? { base, head } : undefined;
}
/** Full, non-zero SHAs in first-seen order, without duplicates, at most MAX_COMMITS. */
function uniqueShas(candidates) {
    const seen = new Set();
    for (const candidate of candidates) {
        if (typeof candidate !== 'string')
            continue;
        const sha = candidate.toLowerCase();
        if (!isCommitSha(sha))
            continue;
        seen.add(sha);
        if (seen.size === schema/* MAX_COMMITS */.MP)
            break;
    }
    return [...seen];
}
/**
 * Pull requests: the head commit alone (the run's own SHA is a merge commit no one
 * pushed); the run's SHA only when the event names no head.
 * Pushes: the head, then the pushed commits newest first (`compared` replaces the
 * payload's list when it was cut at 20; it is oldest first, as the compare API
 * answers). Anything else: the run's SHA.
 */
function commitIds(run, compared = []) {
    if (run.eventName.startsWith('pull_request')) {
        const head = uniqueShas([eventField(run.event, 'pull_request', 'head', 'sha')]);
        return head.length > 0 ? head : uniqueShas([run.sha]);
    }
    if (run.eventName === 'push') {
        const listed = compared.length > 0 ? compared : pushedCommits(run.event);
        return uniqueShas([eventField(run.event, 'after'), run.sha, ...[...listed].reverse()]);
    }
    if (run.eventName === 'workflow_run') {
        return uniqueShas([eventField(run.event, 'workflow_run', 'head_sha'), run.sha]);
    }
    return uniqueShas([run.sha]);
}

;// CONCATENATED MODULE: ./src/mapping/identity.ts
// The identities SEI keys its data on. SEI keeps one job per job_full_name and one run
// per (job, build_number), and the first post of a build_number wins, so:
// - job_full_name never holds anything that changes between runs;
// - build_number changes with every re-run attempt.
/** Attempts per run number that the build number scheme leaves room for. */
const ATTEMPT_SLOTS = 1000;
function workflowFullName(run) {
    return `${run.owner}/${run.repo}/${run.workflowName}`;
}
function jobFullName(run, jobName) {
    return `${workflowFullName(run)}/${jobName}`;
}
/** run_number × 1000 + run_attempt: attempt 2 of run 57 is build 57002. */
function buildNumber(runNumber, runAttempt) {
    return runNumber * ATTEMPT_SLOTS + Math.min(runAttempt, ATTEMPT_SLOTS - 1);
}
function executionId(run, jobId) {
    const base = `${run.runId}-${run.runAttempt}`;
    return jobId === undefined ? base : `${base}-${jobId}`;
}

;// CONCATENATED MODULE: ./src/mapping/params.ts

function asText(value) {
    if (typeof value === 'string')
        return value;
    return JSON.stringify(value) ?? '';
}
function param(name, value) {
    return { type: 'StringParameterValue', name, value: asText(value) };
}
function entries(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value)
        : [];
}
/** Dispatch inputs, matrix values (`matrix.<key>`), the run attempt, then the user's params. */
function runParams(run, matrix, extra) {
    const params = [];
    if (run.eventName === 'workflow_dispatch') {
        for (const [name, value] of entries(eventField(run.event, 'inputs')))
            params.push(param(name, value));
    }
    for (const [name, value] of entries(matrix))
        params.push(param(`matrix.${name}`, value));
    params.push(param('run_attempt', run.runAttempt));
    for (const { name, value } of extra)
        params.push(param(name, value));
    return params;
}

;// CONCATENATED MODULE: ./src/mapping/result.ts
const CONCLUSIONS = {
    success: 'SUCCESS',
    neutral: 'SUCCESS',
    failure: 'FAILURE',
    timed_out: 'FAILURE',
    startup_failure: 'FAILURE',
    cancelled: 'ABORTED',
    skipped: 'NOT_BUILT',
    action_required: 'NOT_BUILT',
    stale: 'NOT_BUILT'
};
const JOB_STATUSES = {
    success: 'SUCCESS',
    failure: 'FAILURE',
    cancelled: 'ABORTED'
};
const FAILED = new Set(['failure', 'timed_out', 'startup_failure']);
/** The SEI result of a finished step or job conclusion; unknown ones count as NOT_BUILT. */
function conclusionResult(conclusion) {
    return CONCLUSIONS[conclusion ?? ''] ?? 'NOT_BUILT';
}
/** What the finished steps say about the job, ignoring steps still pending. */
function resultFromSteps(steps) {
    const conclusions = steps.map((step) => step.conclusion ?? '');
    if (conclusions.some((c) => FAILED.has(c)))
        return 'FAILURE';
    if (conclusions.includes('cancelled'))
        return 'ABORTED';
    return 'SUCCESS';
}
/**
 * The result of the job running this step. The runner's `job.status` (read again at
 * post time) is final for every main step; a failed step the API shows overrides a
 * `success` status, and the steps decide alone where the status is missing.
 */
function currentJobResult(jobStatus, steps) {
    const fromSteps = resultFromSteps(steps);
    const fromStatus = JOB_STATUSES[jobStatus];
    if (!fromStatus)
        return fromSteps;
    if (fromStatus === 'SUCCESS' && fromSteps !== 'SUCCESS')
        return fromSteps;
    return fromStatus;
}
/** The result of a finished (or, for the current job, running) job of a run. */
function jobResult(job) {
    if (job.status === 'completed')
        return conclusionResult(job.conclusion);
    return resultFromSteps(job.steps ?? []);
}
/**
 * A whole run's result from its jobs, never from the run's own conclusion, which is
 * still null while its last job runs: any failure wins, then any cancellation;
 * skipped jobs do not count.
 */
function workflowResult(jobs) {
    const results = jobs.map(jobResult);
    if (results.includes('FAILURE'))
        return 'FAILURE';
    if (results.includes('ABORTED'))
        return 'ABORTED';
    return 'SUCCESS';
}

;// CONCATENATED MODULE: ./src/mapping/text.ts
// Names from GitHub made safe for SEI's text columns.
// C0 and C1 control characters (tabs and newlines included): SEI shows names on one line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
/**
 * Removes control characters, trims, and cuts to `max` UTF-16 units ending with an
 * ellipsis, never between the two halves of a surrogate pair.
 */
function cleanText(value, max) {
    const flat = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
    if (flat.length <= max)
        return flat;
    const cut = flat.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
    return cut.trimEnd() + '…';
}
/** cleanText that never returns an empty string. */
function label(value, max, fallback) {
    return cleanText(value ?? '', max) || fallback;
}

;// CONCATENATED MODULE: ./src/mapping/stages.ts




const FINISHED = 'FINISHED';
function timing(start, end) {
    return {
        durationInMillis: durationBetween(start, end),
        ...(start === undefined ? {} : { startTime: toIso(start) })
    };
}
/** A step has run when the API shows it completed; ours is still in progress. */
function hasRun(step) {
    return step.status === 'completed';
}
/** Post steps of actions placed before this one: they run after our report. */
function pendingPostSteps(steps) {
    return steps
        .filter((step) => !hasRun(step) && step.status !== 'in_progress' && /^Post /.test(step.name))
        .map((step) => step.name);
}
function stepId(step, used) {
    let id = String(step.number);
    for (let n = 2; used.has(id); n++)
        id = `${step.number}.${n}`;
    used.add(id);
    return id;
}
function mapSteps(steps) {
    const used = new Set();
    return steps.filter(hasRun).map((step) => {
        const name = label(step.name, schema/* MAX_DESCRIPTION */.o1, `Step ${step.number}`);
        return {
            id: stepId(step, used),
            displayName: name,
            displayDescription: name,
            result: conclusionResult(step.conclusion),
            state: FINISHED,
            ...timing(toMillis(step.started_at), toMillis(step.completed_at))
        };
    });
}
function mapStage(job, overrides = {}) {
    const name = label(job.name, schema/* MAX_DESCRIPTION */.o1, `Job ${job.id}`);
    const start = toMillis(job.started_at);
    const end = overrides.end ?? toMillis(job.completed_at);
    return {
        id: String(job.id),
        displayName: name,
        displayDescription: name,
        result: overrides.result ?? jobResult(job),
        state: FINISHED,
        ...timing(start, end),
        steps: mapSteps(job.steps ?? [])
    };
}

;// CONCATENATED MODULE: ./src/mapping/trigger.ts


const SCM_EVENTS = new Set([
    'push',
    'pull_request',
    'pull_request_target',
    'pull_request_review',
    'pull_request_review_comment',
    'merge_group',
    'create',
    'delete'
]);
function upstreamCause(run) {
    const upstream = eventField(run.event, 'workflow_run');
    const name = eventField(run.event, 'workflow_run', 'name');
    const number = eventField(run.event, 'workflow_run', 'run_number');
    if (!upstream || typeof name !== 'string' || typeof number !== 'number')
        return undefined;
    const attempt = eventField(run.event, 'workflow_run', 'run_attempt');
    return {
        id: `${run.owner}/${run.repo}/${name}`,
        type: 'UpstreamCause',
        job_run_number: buildNumber(number, typeof attempt === 'number' ? attempt : 1)
    };
}
function triggerChain(run) {
    const event = run.eventName;
    if (event === 'workflow_run') {
        const cause = upstreamCause(run);
        if (cause)
            return [cause];
    }
    if (SCM_EVENTS.has(event))
        return [{ id: 'SCMTrigger', type: 'SCMTriggerCause' }];
    if (event === 'schedule') {
        const cron = eventField(run.event, 'schedule');
        return [
            { id: typeof cron === 'string' && cron ? cron : 'TimerTrigger', type: 'TimerTriggerCause' }
        ];
    }
    if (event === 'repository_dispatch') {
        const action = eventField(run.event, 'action');
        const id = typeof action === 'string' && action ? `repository_dispatch:${action}` : 'repository_dispatch';
        return [{ id, type: 'RemoteCause' }];
    }
    return [{ id: run.actor || event || 'unknown', type: 'UserIdCause' }];
}

;// CONCATENATED MODULE: ./src/mapping/payload.ts








const NAME_LIMIT = 1000;
function artifacts(list, cd) {
    return list.map((artifact) => ({ input: cd, output: !cd, ...artifact }));
}
function assemble(run, shape, options) {
    const fullName = cleanText(shape.fullName, NAME_LIMIT);
    const payload = {
        pipeline: cleanText(run.workflowName, NAME_LIMIT) || fullName,
        job_full_name: fullName,
        qualified_name: fullName,
        instance_guid: options.instanceGuid,
        instance_name: options.instanceName,
        instance_url: run.serverUrl,
        result: shape.result,
        start_time: shape.start,
        duration: durationBetween(shape.start, shape.end),
        build_number: buildNumber(run.runNumber, run.runAttempt),
        execution_id: shape.executionId,
        user_id: run.actor,
        repo_url: `${run.serverUrl}/${run.owner}/${run.repo}`,
        branch_name: run.branch,
        scm_commit_ids: commitIds(run, options.comparedCommits),
        trigger_chain: triggerChain(run),
        job_run_params: runParams(run, options.matrix, options.params),
        ci: !options.cd,
        cd: options.cd,
        artifacts: artifacts(options.artifacts, options.cd),
        job_run: { stages: shape.stages }
    };
    if (options.projectName)
        payload.project_name = options.projectName;
    if (options.moduleName)
        payload.module_name = options.moduleName;
    if (options.themes && options.themes.length > 0)
        payload.themes = [...options.themes];
    if (options.cfrStatus !== undefined)
        payload.cfr_status = options.cfrStatus;
    return payload;
}
/** The job running this step, reported from its post step at `now`. */
function buildJobReport(run, job, jobStatus, now, options) {
    const steps = job.steps ?? [];
    const result = currentJobResult(jobStatus, steps.filter((step) => step.status === 'completed'));
    const start = toMillis(job.started_at) ?? now;
    const notices = [];
    const pending = pendingPostSteps(steps);
    if (pending.length > 0) {
        notices.push(`${pending.length} step(s) run after this report and are left out (${pending.join(', ')}): move the sei-cicd-action step to the top of the job so its post step runs last.`);
    }
    const stage = mapStage(job, { result, end: now });
    const payload = assemble(run, {
        fullName: jobFullName(run, job.name),
        result,
        start,
        end: Math.max(now, start),
        stages: [stage],
        executionId: executionId(run, job.id)
    }, options);
    return { payload, notices };
}
/** A whole run attempt, one stage per job, leaving out the job that reports it. */
function buildWorkflowReport(run, jobs, timing, options, reportingJobId) {
    const reported = jobs.filter((job) => job.id !== reportingJobId);
    const fromJobs = workflowResult(reported);
    const result = timing.conclusion && fromJobs === 'SUCCESS' && timing.conclusion !== 'success'
        ? conclusionResult(timing.conclusion)
        : fromJobs;
    const payload = assemble(run, {
        fullName: workflowFullName(run),
        result,
        start: timing.start,
        end: timing.end,
        stages: reported.map((job) => mapStage(job)),
        executionId: executionId(run)
    }, options);
    return { payload, notices: [] };
}
/** The end of a finished run: the last job's completion, else the run's last update. */
function finishedRunEnd(jobs, updatedAt) {
    const ends = jobs
        .map((job) => toMillis(job.completed_at))
        .filter((t) => t !== undefined);
    return ends.length > 0 ? Math.max(...ends) : (toMillis(updatedAt) ?? 0);
}

;// CONCATENATED MODULE: ./src/collect.ts








function reportOptions(inputs, plan, cd, comparedCommits) {
    return {
        instanceGuid: inputs.instanceGuid,
        instanceName: inputs.instanceName,
        cd,
        artifacts: inputs.artifacts,
        params: inputs.params,
        ...(plan.matrix ? { matrix: plan.matrix } : {}),
        projectName: inputs.projectName,
        moduleName: inputs.moduleName,
        themes: inputs.themes,
        cfrStatus: inputs.cfrStatus,
        ...(comparedCommits ? { comparedCommits } : {})
    };
}
/** The finished run this step reports instead of its own, if any. */
async function upstreamRun(inputs, context, client) {
    if (inputs.runId !== undefined)
        return client.getRun(inputs.runId);
    const upstream = context.event.workflow_run;
    if (inputs.scope === 'workflow' && context.eventName === 'workflow_run' && upstream) {
        return upstream;
    }
    return undefined;
}
/** The push's full commit list when its payload was cut short; undefined keeps the payload's. */
async function comparedCommits(run, client, notices) {
    const range = truncatedPush(run);
    if (!range)
        return undefined;
    try {
        return await client.compareCommits(range.base, range.head);
    }
    catch (cause) {
        const status = cause instanceof GitHubError && cause.status ? `HTTP ${cause.status}` : 'no answer';
        notices.push(`The push event lists only ${pushedCommits(run.event).length} commits and the compare API could not give the rest (${status} on ${range.base.slice(0, 7)}...${range.head.slice(0, 7)}), so only those are reported.`);
        return undefined;
    }
}
/** cd and the commit list, which need requests of their own, then the options of the report. */
async function optionsFor(inputs, plan, client, notices) {
    const [decision, compared] = await Promise.all([
        decideCd(inputs.cd, client, plan.cdTarget),
        comparedCommits(plan.run, client, notices)
    ]);
    if (decision.notice)
        notices.push(decision.notice);
    return reportOptions(inputs, plan, decision.cd, compared);
}
async function finishedRunReport(run, inputs, context, client, notices) {
    const info = runFromApi(context, run);
    const attempt = run.run_attempt ?? 1;
    if (run.status && run.status !== 'completed') {
        notices.push(`Workflow run ${run.id} is ${run.status}, not completed: its jobs are reported as they are now.`);
    }
    const start = toMillis(run.run_started_at) ?? toMillis(run.created_at) ?? 0;
    const [jobs, options] = await Promise.all([
        client.listAttemptJobs(run.id, attempt),
        optionsFor(inputs, { run: info, cdTarget: { sha: run.head_sha, runId: run.id, since: start } }, client, notices)
    ]);
    return buildWorkflowReport(info, jobs, { start, end: finishedRunEnd(jobs, run.updated_at), conclusion: run.conclusion }, options);
}
async function currentRunReport(inputs, context, client, clock, notices) {
    const info = runFromContext(context);
    const [jobs, attempt] = await Promise.all([
        client.listAttemptJobs(context.runId, context.runAttempt),
        client.getRunAttempt(context.runId, context.runAttempt)
    ]);
    const reporting = inputs.jobCheckRunId ?? pickCurrentJob(jobs, context.runnerName)?.id;
    const now = clock.now();
    const start = toMillis(attempt.run_started_at) ?? toMillis(attempt.created_at) ?? now;
    const options = await optionsFor(inputs, { run: info, cdTarget: { sha: context.sha, runId: context.runId, since: start } }, client, notices);
    return buildWorkflowReport({ ...info, workflowName: attempt.name || info.workflowName }, jobs, { start, end: now }, options, reporting);
}
async function currentJobReport(inputs, context, client, clock, notices) {
    const info = runFromContext(context);
    const job = await findCurrentJob(client, {
        runId: context.runId,
        runAttempt: context.runAttempt,
        runnerName: context.runnerName,
        checkRunId: inputs.jobCheckRunId
    });
    const since = toMillis(job.created_at) ?? toMillis(job.started_at) ?? clock.now();
    const options = await optionsFor(inputs, {
        run: info,
        cdTarget: { sha: context.sha, runId: context.runId, jobId: job.id, since },
        ...(inputs.matrix ? { matrix: inputs.matrix } : {})
    }, client, notices);
    return buildJobReport(info, job, inputs.jobStatus, clock.now(), options);
}
/** A finished job of a finished run, as its own post step would have reported it. */
async function collectFinishedJob(inputs, context, client, run, job, clock) {
    const notices = [];
    const info = runFromApi(context, { ...run, run_attempt: job.run_attempt ?? run.run_attempt });
    const end = toMillis(job.completed_at) ?? clock.now();
    const since = toMillis(job.created_at) ?? toMillis(job.started_at) ?? end;
    const options = await optionsFor(inputs, { run: info, cdTarget: { sha: run.head_sha, runId: run.id, jobId: job.id, since } }, client, notices);
    const report = buildJobReport(info, job, job.conclusion ?? '', end, options);
    return {
        payload: (0,schema/* validatePayload */.rq)(report.payload),
        notices: [...report.notices, ...notices],
        subject: 'job'
    };
}
async function collectReport(inputs, context, client, clock) {
    const notices = [];
    const finished = await upstreamRun(inputs, context, client);
    let report;
    let subject = 'workflow';
    if (finished) {
        report = await finishedRunReport(finished, inputs, context, client, notices);
    }
    else if (inputs.scope === 'workflow') {
        report = await currentRunReport(inputs, context, client, clock, notices);
    }
    else {
        subject = 'job';
        report = await currentJobReport(inputs, context, client, clock, notices);
    }
    return {
        payload: (0,schema/* validatePayload */.rq)(report.payload),
        notices: [...report.notices, ...notices],
        subject
    };
}

// EXTERNAL MODULE: ./src/http/transport.ts
var http_transport = __webpack_require__(1517);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __webpack_require__(4923);
// EXTERNAL MODULE: ./src/cli/options.ts
var options = __webpack_require__(776);
;// CONCATENATED MODULE: ./src/cli/preview.ts
// `sei-cicd-action preview`: the payload the action would send for a past run (or one
// of its jobs), built by the action's own collect and mapping code, printed, never sent.







const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000';
const DEFAULT_TOKEN_ENV = 'GITHUB_TOKEN';
const HELP = `Usage: sei-cicd-action preview --repo OWNER/NAME --run-id ID [options]

Builds the SEI payload the action would send for a workflow run that has finished,
or for one of its jobs, and prints it as JSON. Nothing is sent to SEI. The GitHub
token is read from the environment variable GITHUB_TOKEN.

Options:
  --repo OWNER/NAME       The repository of the run (required).
  --run-id ID             The run: the number after /actions/runs/ in its URL (required).
  --job ID|NAME           Report one job, as scope: job does: its numeric id, or its name
                          as the run shows it, for example "build (ubuntu-latest, 20)".
                          Without it the whole run is reported, as scope: workflow does.
  --instance-guid GUID    The instance GUID to put in the payload (default: a placeholder,
                          ${PLACEHOLDER_GUID}).
  --instance-name NAME    The instance-name input (default "GitHub Actions").
  --cd auto|true|false    The cd input (default auto).
  --token-env NAME        Read the token from this environment variable instead of
                          ${DEFAULT_TOKEN_ENV}. It needs read access to the repository's Actions.
  --api-url URL           The GitHub API (default GITHUB_API_URL, else https://api.github.com;
                          GitHub Enterprise Server: https://HOST/api/v3).
  --server-url URL        The GitHub web address for instance_url and repo_url
                          (default: derived from the API URL).
  --timeout-seconds N     Time for the GitHub requests, retries included (default 60).
  -h, --help              Show this help.

Exit codes: 0 printed, 1 GitHub refused or could not be reached, 2 wrong command line.

Example:
  GITHUB_TOKEN=$(gh auth token) npx sei-cicd-action preview --repo octo-org/octo-repo --run-id 9100000001`;
const OPTIONS = {
    repo: { type: 'string' },
    'run-id': { type: 'string' },
    job: { type: 'string' },
    'instance-guid': { type: 'string' },
    'instance-name': { type: 'string' },
    cd: { type: 'string' },
    'token-env': { type: 'string' },
    'api-url': { type: 'string' },
    'server-url': { type: 'string' },
    'timeout-seconds': { type: 'string' }
};
/** https://api.github.com → https://github.com; https://HOST/api/v3 → https://HOST. */
function serverUrlOf(apiUrl) {
    const url = new URL(apiUrl);
    const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v3$/, '');
    const host = url.host.replace(/^api\./, '');
    return `${url.protocol}//${host}${path}`;
}
function httpUrl(raw, flag) {
    try {
        const url = new URL(raw);
        if (url.protocol === 'https:' || url.protocol === 'http:')
            return raw.replace(/\/+$/, '');
    }
    catch {
        // reported below
    }
    throw new options/* UsageError */.eb(`${flag} is "${raw}", not an http(s) URL.`);
}
/** The action's inputs for this preview, checked by the action's own input rules. */
function previewInputs(values, runId, token) {
    const input = (name, value) => value === undefined ? {} : { [`INPUT_${name.toUpperCase()}`]: value };
    try {
        return (0,inputs/* readInputs */.Ko)({
            ...input('instance-guid', (0,options/* stringOption */.Pp)(values, 'instance-guid') ?? PLACEHOLDER_GUID),
            ...input('instance-name', (0,options/* stringOption */.Pp)(values, 'instance-name')),
            ...input('cd', (0,options/* stringOption */.Pp)(values, 'cd')),
            ...input('run-id', runId),
            ...input('scope', 'workflow'),
            ...input('dry-run', 'true'),
            ...input('github-token', token)
        });
    }
    catch (cause) {
        if (cause instanceof inputs/* InputError */.dz) {
            throw new options/* UsageError */.eb(cause.message.replace(/Input "([a-z-]+)"/g, '--$1'));
        }
        throw cause;
    }
}
function context(owner, repo, apiUrl, serverUrl, runId) {
    const ctx = {
        serverUrl,
        apiUrl,
        owner,
        repo,
        repository: `${owner}/${repo}`,
        runId,
        runNumber: 1,
        runAttempt: 1,
        workflow: '',
        jobKey: '',
        sha: '',
        ref: '',
        refName: '',
        headRef: '',
        eventName: '',
        event: {},
        actor: '',
        triggeringActor: '',
        runnerName: '',
        runnerTemp: ''
    };
    return ctx;
}
async function findJob(client, run, wanted) {
    const runId = run.id;
    if (/^\d+$/.test(wanted)) {
        const job = await client.getJob(Number(wanted));
        if (job.run_id !== runId) {
            throw new options/* UsageError */.eb(`Job ${wanted} belongs to run ${job.run_id}, not to run ${runId}.`);
        }
        return job;
    }
    const jobs = await client.listAttemptJobs(runId, run.run_attempt ?? 1);
    const job = jobs.find((candidate) => candidate.name === wanted);
    if (job)
        return job;
    const names = jobs.slice(0, 10).map((candidate) => `"${candidate.name}"`);
    throw new options/* UsageError */.eb(`Run ${runId} has no job named "${wanted}"; its jobs are ${names.join(', ')}${jobs.length > 10 ? `, and ${jobs.length - 10} more` : ''}.`);
}
async function jobReport(client, ctx, inputs, wanted) {
    const run = await client.getRun(ctx.runId);
    const job = await findJob(client, run, wanted);
    if (job.status !== 'completed') {
        (0,options/* err */._q)(`Job "${job.name}" is ${job.status}: the preview shows it as it stands now.`);
    }
    return collectFinishedJob(inputs, ctx, client, run, job, retry/* realClock */.dQ);
}
function explain(cause, repository, tokenEnv) {
    if (cause.status === 401) {
        return new GitHubError(`GitHub refused the token in ${tokenEnv} (HTTP 401): use a token that can read ${repository}, for example ${tokenEnv}=$(gh auth token).`);
    }
    if (cause.status === 403 && !/rate limit/i.test(cause.message)) {
        return new GitHubError(`GitHub answered 403 for ${repository}: the token in ${tokenEnv} cannot read its Actions runs; a fine-grained token needs "Actions: read", a classic token the repo scope.`);
    }
    if (cause.status === 404) {
        const what = /^GitHub found no .+? \(HTTP 404 on [^)]*\)/.exec(cause.message)?.[0];
        return new GitHubError(`${what ?? `GitHub answered 404 for ${repository}`}: check --repo, --run-id and --job, and that the token in ${tokenEnv} can see the repository.`);
    }
    return cause;
}
async function preview(args, env) {
    const values = (0,options/* parseOptions */.Ac)(args, OPTIONS);
    if (values.help) {
        (0,options/* out */.FD)(HELP);
        return options/* EXIT_OK */.Ij;
    }
    const repository = (0,options/* requireOption */.Ve)(values, 'repo');
    const [owner, repo, extra] = repository.split('/');
    if (!owner || !repo || extra !== undefined) {
        throw new options/* UsageError */.eb(`--repo is "${repository}": use OWNER/NAME, for example octo-org/octo-repo.`);
    }
    const runId = (0,options/* requireOption */.Ve)(values, 'run-id');
    const tokenEnv = (0,options/* stringOption */.Pp)(values, 'token-env') || DEFAULT_TOKEN_ENV;
    const token = (env[tokenEnv] ?? '').trim();
    if (token === '') {
        throw new options/* UsageError */.eb(`No GitHub token: the environment variable ${tokenEnv} is empty. Set it to a token that can read ${repository} (for example ${tokenEnv}=$(gh auth token)).`);
    }
    const inputs = previewInputs(values, runId, token);
    const apiUrl = httpUrl((0,options/* stringOption */.Pp)(values, 'api-url') || env.GITHUB_API_URL || 'https://api.github.com', '--api-url');
    const serverUrl = httpUrl((0,options/* stringOption */.Pp)(values, 'server-url') || serverUrlOf(apiUrl), '--server-url');
    const timeoutSeconds = (0,options/* timeoutOption */.D5)(values, 60);
    const ctx = context(owner, repo, apiUrl, serverUrl, inputs.runId);
    const transport = await (0,http_transport/* createTransport */.oO)(env);
    try {
        const client = createGitHubClient({
            apiUrl,
            token,
            owner,
            repo,
            transport,
            budget: new retry/* Budget */.__(timeoutSeconds * 1000),
            hooks: {
                onRetry: (reason, attempt, waitMs) => (0,options/* err */._q)(`GitHub API: ${reason} on attempt ${attempt}; retrying in ${(waitMs / 1000).toFixed(1)} s.`)
            }
        });
        const wanted = (0,options/* stringOption */.Pp)(values, 'job');
        let report;
        try {
            report = wanted
                ? await jobReport(client, ctx, inputs, wanted)
                : await collectReport(inputs, ctx, client, retry/* realClock */.dQ);
        }
        catch (cause) {
            throw cause instanceof GitHubError ? explain(cause, repository, tokenEnv) : cause;
        }
        const payload = report.payload;
        (0,options/* out */.FD)(JSON.stringify(payload, null, 2));
        const what = wanted
            ? `job "${payload.job_run.stages[0]?.displayName ?? wanted}"`
            : 'the whole run';
        (0,options/* err */._q)(`Preview of ${what} of run ${runId} in ${repository}: result ${payload.result}, build_number ${payload.build_number}, ${payload.job_run.stages.length} stage(s). Nothing was sent to SEI.`);
        if (payload.instance_guid === PLACEHOLDER_GUID) {
            (0,options/* err */._q)(`instance_guid is the placeholder ${PLACEHOLDER_GUID}: pass --instance-guid to show yours.`);
        }
        for (const notice of report.notices)
            (0,options/* err */._q)(notice);
        return options/* EXIT_OK */.Ij;
    }
    finally {
        await transport.close();
    }
}
const command = {
    summary: 'print the payload the action would send for a past run or job, sending nothing',
    run: (args, env) => (0,options/* runCommand */.d1)(HELP, () => preview(args, env), [GitHubError, schema/* PayloadError */.tG])
};


/***/ })

};
;
//# sourceMappingURL=318.index.cjs.js.map