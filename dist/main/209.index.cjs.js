"use strict";
exports.id = 209;
exports.ids = [209];
exports.modules = {

/***/ 209:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CANCEL_GRACE_MS: () => (/* binding */ CANCEL_GRACE_MS),
  DEADLINE_GRACE_MS: () => (/* binding */ DEADLINE_GRACE_MS),
  runReport: () => (/* binding */ runReport)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/loopback.ts
var http_loopback = __webpack_require__(507);
;// CONCATENATED MODULE: ./src/http/transport.ts
// One HTTP request at a time, over node:http(s) directly. undici is loaded only when
// a proxy variable is set (its EnvHttpProxyAgent honours HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY): loading and warming undici costs more than the rest of the post step.


/** A request that got no answer: refused, reset, timed out, DNS… */
class TransportError extends Error {
    code;
    name = 'TransportError';
    /** The request never reached a server that could act on it (refused, no such host, TLS). */
    unsent;
    /** Trying again within seconds cannot help: nothing listens, the host does not exist, TLS. */
    final;
    constructor(message, code, how = {}) {
        super(message);
        this.code = code;
        this.unsent = how.unsent ?? false;
        this.final = how.final ?? false;
    }
}
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
function proxyConfigured(env) {
    return PROXY_VARS.some((name) => (env[name] ?? '') !== '');
}
/** Passwords in proxy URLs (http://user:password@proxy), to be masked like the key. */
function decoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function proxySecrets(env) {
    const secrets = [];
    for (const name of PROXY_VARS) {
        try {
            const password = new URL(env[name] ?? '').password;
            if (password)
                secrets.push(password, decoded(password));
        }
        catch {
            // not a URL: createTransport says so, naming the variable
        }
    }
    return secrets;
}
function flatHeaders(raw) {
    const headers = {};
    for (const [name, value] of Object.entries(raw)) {
        if (value !== undefined)
            headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return headers;
}
// OpenSSL's words for a TLS handshake answered by something that is not TLS.
const NOT_TLS = /wrong version number|packet length too long|unknown protocol|http request/i;
const CERTIFICATE_CODES = /^(ERR_TLS_CERT|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY))/;
/** One line for a failed request, in words, with whether it was sent and is worth a retry. */
function describeFailure(cause, url) {
    if (cause instanceof TransportError)
        return cause;
    const error = cause;
    const code = error.code ?? 'ERR_NETWORK';
    const firstLine = (error.message ?? '').split('\n')[0].trim();
    const where = url.host;
    if ((code === 'EPROTO' || code.startsWith('ERR_SSL')) && NOT_TLS.test(error.message ?? '')) {
        return new TransportError(`${where} does not speak TLS: it answered the https:// request in plain text; check the scheme and port of the URL`, 'ENOTTLS', { unsent: true, final: true });
    }
    if (CERTIFICATE_CODES.test(code)) {
        return new TransportError(`the TLS certificate of ${where} was not accepted (${code}); if it is signed by your own CA, point NODE_EXTRA_CA_CERTS at its certificate`, code, { unsent: true, final: true });
    }
    if (code === 'ECONNREFUSED') {
        const loopback = (0,http_loopback/* isLoopback */.U)(url.hostname);
        return new TransportError(`${where} refused the connection${loopback ? ': nothing listens on that port' : ''}`, code, { unsent: true, final: loopback });
    }
    if (code === 'ENOTFOUND') {
        return new TransportError(`no such host: ${url.hostname} (ENOTFOUND)`, code, {
            unsent: true,
            final: true
        });
    }
    if (code === 'EAI_AGAIN') {
        return new TransportError(`could not look up ${url.hostname} (EAI_AGAIN)`, code, {
            unsent: true
        });
    }
    return new TransportError(`${code}${firstLine ? `: ${firstLine}` : ''}`, code);
}
function directTransport() {
    const agents = new Map();
    async function agentFor(protocol) {
        const module = protocol === 'https:' ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7067, 23));
        let agent = agents.get(protocol);
        if (!agent) {
            agent = new module.Agent({ keepAlive: true, maxSockets: 4 });
            agents.set(protocol, agent);
        }
        return { agent, request: module.request };
    }
    return {
        async send(request) {
            const url = new URL(request.url);
            const { agent, request: start } = await agentFor(url.protocol);
            return new Promise((resolve, reject) => {
                const headers = { ...request.headers };
                if (request.body !== undefined)
                    headers['content-length'] = String(Buffer.byteLength(request.body));
                const req = start(url, { method: request.method, headers, agent }, (res) => {
                    const chunks = [];
                    res.on('data', (chunk) => chunks.push(chunk));
                    res.on('error', (cause) => {
                        clearTimeout(timer);
                        reject(describeFailure(cause, url));
                    });
                    res.on('aborted', () => clearTimeout(timer));
                    res.on('end', () => {
                        clearTimeout(timer);
                        resolve({
                            status: res.statusCode ?? 0,
                            headers: flatHeaders(res.headers),
                            body: Buffer.concat(chunks).toString('utf8')
                        });
                    });
                });
                const timer = setTimeout(() => {
                    req.destroy(new TransportError(`no answer within ${Math.round(request.timeoutMs / 1000)} s`, 'ETIMEDOUT'));
                }, request.timeoutMs);
                req.on('error', (cause) => {
                    clearTimeout(timer);
                    reject(describeFailure(cause, url));
                });
                req.end(request.body);
            });
        },
        async close() {
            for (const agent of agents.values())
                agent.destroy();
            agents.clear();
        }
    };
}
async function proxyTransport() {
    const undici = await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 6752, 19));
    const dispatcher = new undici.EnvHttpProxyAgent();
    return {
        async send(request) {
            try {
                const res = await undici.request(request.url, {
                    method: request.method,
                    headers: request.headers,
                    body: request.body,
                    dispatcher,
                    headersTimeout: request.timeoutMs,
                    bodyTimeout: request.timeoutMs,
                    signal: AbortSignal.timeout(request.timeoutMs)
                });
                return {
                    status: res.statusCode,
                    headers: flatHeaders(res.headers),
                    body: await res.body.text()
                };
            }
            catch (cause) {
                const error = cause;
                if (error.name === 'TimeoutError' || error.name === 'AbortError') {
                    throw new TransportError(`no answer within ${Math.round(request.timeoutMs / 1000)} s`, 'ETIMEDOUT');
                }
                throw describeFailure(error.cause ?? error, new URL(request.url));
            }
        },
        async close() {
            await dispatcher.destroy();
        }
    };
}
/** A proxy variable that is not a URL; the message names the variable, never its value. */
class ProxyConfigError extends errors.ExplainedError {
    name = 'ProxyConfigError';
}
function checkProxyVariables(env) {
    for (const name of PROXY_VARS) {
        const value = env[name] ?? '';
        if (value === '')
            continue;
        let url;
        try {
            url = new URL(value);
        }
        catch {
            url = undefined;
        }
        if (!url || !/^https?:$/.test(url.protocol) || url.hostname === '') {
            throw new ProxyConfigError(`${name} is set but is not a proxy URL such as http://proxy.example:3128: correct or unset it.`);
        }
    }
}
function runnerDebugLine(line) {
    process.stdout.write(`::debug::${line}\n`);
}
/** The URL as a debug line shows it: no credentials, which resolveApiBase refuses anyway. */
function shownUrl(url) {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search}`;
}
/**
 * Tells each request in one line: method, URL, status or error, and time. Headers and
 * bodies, where the key and token travel, are never shown.
 */
function withDebugLines(transport, write) {
    return {
        async send(request) {
            const started = Date.now();
            const what = `${request.method} ${shownUrl(request.url)}`;
            try {
                const response = await transport.send(request);
                write(`${what}: HTTP ${response.status} in ${Date.now() - started} ms`);
                return response;
            }
            catch (cause) {
                const code = cause instanceof TransportError ? cause.code : 'error';
                write(`${what}: ${code} after ${Date.now() - started} ms`);
                throw cause;
            }
        },
        close: () => transport.close()
    };
}
/** The runner sets RUNNER_DEBUG=1 when a run is re-run with debug logging. */
function debugRequested(env) {
    return env.RUNNER_DEBUG === '1';
}
async function createTransport(env = process.env, options = {}) {
    checkProxyVariables(env);
    const transport = proxyConfigured(env) ? await proxyTransport() : directTransport();
    if (!debugRequested(env))
        return transport;
    return withDebugLines(transport, options.debug ?? runnerDebugLine);
}

;// CONCATENATED MODULE: ./src/http/retry.ts
// What is retried, how long we wait, and when we give up. Retries happen on network
// errors, timeouts, 408, 429 and 5xx (and GitHub's rate limits), with exponential
// backoff and full jitter, honouring Retry-After, inside one time budget shared by
// every request of the step. Other 4xx answers are final.

const realClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random()
};
/** The time left for the whole step; every request and wait draws on it. */
class Budget {
    clock;
    endsAt;
    constructor(totalMs, clock = realClock) {
        this.clock = clock;
        this.endsAt = clock.now() + totalMs;
    }
    remaining() {
        return Math.max(0, this.endsAt - this.clock.now());
    }
    /** Ends the budget no later than `ms` from now (a cancelled step has little time left). */
    limit(ms) {
        this.endsAt = Math.min(this.endsAt, this.clock.now() + ms);
    }
}
const DEFAULT_POLICY = {
    attemptTimeoutMs: 20_000,
    baseDelayMs: 500,
    maxDelayMs: 10_000,
    maxRetryAfterMs: 30_000,
    maxAttempts: 8
};
const RETRIED_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** How long an answer asks us to wait (Retry-After seconds or date, or a rate-limit reset). */
function requestedWait(response, now) {
    const retryAfter = response.headers['retry-after'];
    if (retryAfter !== undefined && retryAfter !== '') {
        if (/^\d+(\.\d+)?$/.test(retryAfter.trim()))
            return Number(retryAfter) * 1000;
        const date = Date.parse(retryAfter);
        if (!Number.isNaN(date))
            return Math.max(0, date - now);
    }
    if (response.headers['x-ratelimit-remaining'] === '0') {
        const reset = Number(response.headers['x-ratelimit-reset']);
        if (Number.isFinite(reset) && reset > 0)
            return Math.max(0, reset * 1000 - now);
    }
    return undefined;
}
/** GitHub signals rate limits as 403 or 429 with these headers. */
function isRateLimited(response) {
    if (response.status !== 403 && response.status !== 429)
        return false;
    return (response.headers['x-ratelimit-remaining'] === '0' ||
        response.headers['retry-after'] !== undefined);
}
/** SEI's rule: 408, 429 and 5xx are worth another try; every other 4xx is final. */
function isRetriedStatus(response) {
    return RETRIED_STATUS.has(response.status) || response.status >= 500;
}
/** GitHub's rule: SEI's, plus rate limits announced on a 403. */
function isGitHubRetried(response) {
    return isRetriedStatus(response) || isRateLimited(response);
}
/** Hooks that tell each retry, as it happens, in one line naming `what` was asked. */
function retryLog(what, write) {
    return {
        onRetry(reason, attempt, waitMs) {
            write(`${what}: ${reason} on attempt ${attempt}; retrying in ${(waitMs / 1000).toFixed(1)} s.`);
        }
    };
}
function reasonOf(outcome) {
    return outcome.response ? `HTTP ${outcome.response.status}` : (outcome.error?.message ?? 'error');
}
/** Sends `request` until an answer is final, the attempts run out or the budget does. */
async function sendWithRetry({ transport, request, budget, policy = DEFAULT_POLICY, hooks = {}, retryOn = isRetriedStatus, retryError = (error) => !error.final }) {
    const clock = budget.clock;
    let outcome = {
        error: new TransportError('time budget used up', 'ETIMEDOUT')
    };
    for (let attempt = 1;; attempt++) {
        const timeoutMs = Math.min(policy.attemptTimeoutMs, budget.remaining());
        if (timeoutMs <= 0)
            return { ...outcome, attempts: attempt - 1, outOfTime: true };
        try {
            outcome = { response: await transport.send({ ...request, timeoutMs }) };
        }
        catch (cause) {
            outcome = {
                error: cause instanceof TransportError ? cause : new TransportError(String(cause), 'ERR_NETWORK')
            };
        }
        const retry = outcome.error ? retryError(outcome.error) : retryOn(outcome.response);
        if (!retry)
            return { ...outcome, attempts: attempt, outOfTime: false };
        if (attempt >= policy.maxAttempts)
            return { ...outcome, attempts: attempt, outOfTime: false };
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const jitter = Math.round(clock.random() * ceiling);
        const asked = outcome.response ? requestedWait(outcome.response, clock.now()) : undefined;
        const waitMs = asked !== undefined ? asked : jitter;
        if (waitMs > policy.maxRetryAfterMs || waitMs >= budget.remaining()) {
            const refusedBy = waitMs > policy.maxRetryAfterMs ? 'cap' : 'budget';
            const refused = asked !== undefined
                ? { refusedWaitMs: asked, refusedBy, maxWaitMs: policy.maxRetryAfterMs }
                : {};
            return { ...outcome, attempts: attempt, outOfTime: true, ...refused };
        }
        hooks.onRetry?.(reasonOf(outcome), attempt, waitMs);
        await clock.sleep(waitMs);
    }
}

// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/http/answer-message.ts
// The one-line message an HTTP error answer carries, for quoting in our own errors:
// the first of the named fields of its JSON body (GitHub's `message`, SEI's `payload`
// or `message`), else the start of the body with its whitespace flattened. Masked
// before it is cut, so that a cut never leaves part of a secret the masker would no
// longer recognise.

/** Longest part of a body quoted in a message. */
const MAX_QUOTED = 200;
function answerMessage(response, fields) {
    try {
        const body = JSON.parse(response.body);
        for (const field of fields) {
            const value = body[field];
            if (typeof value === 'string' && value)
                return (0,secrets/* maskText */.gC)(value);
        }
    }
    catch {
        // not JSON
    }
    return (0,secrets/* maskText */.gC)(response.body).slice(0, MAX_QUOTED).replace(/\s+/g, ' ').trim();
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./src/github/schemas.ts
// GitHub's answers checked at the boundary: each answer is parsed with a schema of the
// fields the report uses, so that an odd answer (a job without a name, steps that are
// not a list, nulls in it) is either made usable here or refused with one message that
// names the request, instead of failing somewhere in the mapping. Fields not listed are
// kept as they came.

const id = schemas/* number */.aig().int().positive();
const count = schemas/* number */.aig().int().nonnegative();
/** A time GitHub may leave out or send as null; undefined stands for both. */
const time = schemas/* string */.YjP()
    .nullish()
    .transform((value) => value ?? null);
/** A name GitHub may send as null: the mapping gives it a fallback ("Step 3", "Job 42"). */
const schemas_name = schemas/* string */.YjP()
    .nullish()
    .transform((value) => value ?? '');
const step = schemas/* looseObject */._H3({
    name: schemas_name,
    status: schemas/* string */.YjP(),
    conclusion: schemas/* string */.YjP()
        .nullish()
        .transform((value) => value ?? null),
    number: count,
    started_at: time,
    completed_at: time
});
const jobSchema = schemas/* looseObject */._H3({
    id,
    run_id: id,
    run_attempt: id.optional(),
    name: schemas_name,
    status: schemas/* string */.YjP(),
    conclusion: schemas/* string */.YjP()
        .nullish()
        .transform((value) => value ?? null),
    started_at: time,
    completed_at: time,
    created_at: time,
    runner_name: schemas/* string */.YjP()
        .nullish()
        .transform((value) => value ?? null),
    runner_id: schemas/* number */.aig()
        .int()
        .nullish()
        .transform((value) => value ?? null),
    html_url: schemas/* string */.YjP()
        .nullish()
        .transform((value) => value ?? null),
    workflow_name: schemas/* string */.YjP()
        .nullish()
        .transform((value) => value ?? null),
    head_branch: schemas/* string */.YjP()
        .nullish()
        .transform((value) => value ?? null),
    head_sha: schemas/* string */.YjP().optional(),
    // A null step is left out rather than failing the whole report.
    steps: schemas/* array */.YOg(step.nullable())
        .nullish()
        .transform((steps) => (steps ?? []).filter((item) => item !== null))
});
const login = schemas/* looseObject */._H3({ login: schemas/* string */.YjP() }).nullish();
const runSchema = schemas/* looseObject */._H3({
    id,
    name: schemas/* string */.YjP().nullish(),
    path: schemas/* string */.YjP().optional(),
    run_number: id,
    run_attempt: id.optional(),
    event: schemas/* string */.YjP(),
    status: schemas/* string */.YjP().nullable(),
    conclusion: schemas/* string */.YjP().nullable(),
    head_branch: schemas/* string */.YjP().nullable(),
    head_sha: schemas/* string */.YjP(),
    run_started_at: schemas/* string */.YjP().nullish(),
    created_at: schemas/* string */.YjP(),
    updated_at: schemas/* string */.YjP(),
    html_url: schemas/* string */.YjP().optional(),
    actor: login,
    triggering_actor: login,
    head_commit: schemas/* looseObject */._H3({ id: schemas/* string */.YjP() }).nullish(),
    workflow_id: id.optional(),
    pull_requests: schemas/* array */.YOg(schemas/* looseObject */._H3({
        number: id,
        head: schemas/* looseObject */._H3({ sha: schemas/* string */.YjP(), ref: schemas/* string */.YjP() })
    }))
        .nullish()
        .transform((list) => list ?? []),
    repository: schemas/* looseObject */._H3({ full_name: schemas/* string */.YjP(), html_url: schemas/* string */.YjP().optional() }).optional()
});
const deploymentsSchema = schemas/* array */.YOg(schemas/* looseObject */._H3({
    id,
    sha: schemas/* string */.YjP(),
    ref: schemas/* string */.YjP(),
    environment: schemas/* string */.YjP(),
    created_at: schemas/* string */.YjP(),
    statuses_url: schemas/* string */.YjP().optional()
}));
const deploymentStatusesSchema = schemas/* array */.YOg(schemas/* looseObject */._H3({
    state: schemas/* string */.YjP(),
    log_url: schemas/* string */.YjP().nullish(),
    target_url: schemas/* string */.YjP().nullish()
}));
/** One page of a listing: `key` holds the items. */
function pageSchema(key, item) {
    return schemas/* looseObject */._H3({ total_count: count.optional(), [key]: schemas/* array */.YOg(item) });
}
const runsPageSchema = schemas/* looseObject */._H3({ workflow_runs: schemas/* array */.YOg(runSchema).optional() });
const comparisonSchema = schemas/* looseObject */._H3({
    total_commits: count.optional(),
    commits: schemas/* array */.YOg(schemas/* looseObject */._H3({ sha: schemas/* string */.YjP() })).optional()
});
/** Where a schema refused an answer, in a few words: "steps: expected array". */
function firstIssue(error) {
    const issue = error.issues[0];
    if (!issue)
        return 'unexpected shape';
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the answer';
    return `${where}: ${issue.message}`;
}

;// CONCATENATED MODULE: ./src/github/request.ts
// One GET to the GitHub REST API: the headers, the shared retry policy and time budget,
// the failure messages by status, and the answer read as JSON, masked, then checked.





class GitHubError extends errors.ExplainedError {
    status;
    name = 'GitHubError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
const PAGE_SIZE = 100;
/** The `permissions:` block that lets the token read runs and jobs, as one line of YAML. */
const PERMISSIONS_BLOCK = 'permissions: { contents: read, actions: read }';
const PERMISSIONS_HINT = `add \`actions: read\` to the workflow or this job: \`${PERMISSIONS_BLOCK}\``;
function permissionHint(permission) {
    if (permission === 'actions')
        return PERMISSIONS_HINT;
    const block = permission === 'deployments'
        ? 'permissions: { contents: read, actions: read, deployments: read }'
        : PERMISSIONS_BLOCK;
    return `add \`${permission}: read\` to the workflow or this job: \`${block}\``;
}
/** The headers of every GitHub REST request: JSON, the token, the pinned API version. */
function githubHeaders(token, userAgent = 'sei-cicd-action') {
    return {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'user-agent': userAgent,
        'x-github-api-version': '2022-11-28'
    };
}
function resetTime(response) {
    const reset = Number(response.headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0
        ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`
        : '';
}
/** Why a call of the step's own token failed, and which input or permission to change. */
function stepTokenFailure({ response, request, delivery }, call, repository) {
    const said = answerMessage(response, ['message']);
    const { status } = response;
    if (status === 401) {
        return new GitHubError(`GitHub refused the token (HTTP 401 on ${request}): check the github-token input; the default \${{ github.token }} works.`, 401);
    }
    if (isRateLimited(response) || (status === 403 && /rate limit/i.test(said))) {
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
function createRequester(options) {
    const api = options.apiUrl.replace(/\/+$/, '');
    const outcome = options.outcome ?? '';
    const headers = githubHeaders(options.token, options.userAgent);
    let count = 0;
    const transport = {
        send: (request) => {
            count++;
            return options.transport.send(request);
        },
        close: () => options.transport.close()
    };
    async function get(path, read) {
        const delivery = await sendWithRetry({
            transport,
            request: {
                method: 'GET',
                url: `${api}${path}`,
                headers: read.etag ? { ...headers, 'if-none-match': read.etag } : headers
            },
            budget: options.budget,
            policy: options.policy,
            hooks: options.hooks,
            retryOn: isGitHubRetried
        });
        const response = delivery.response;
        if (!response) {
            throw new GitHubError(`Could not reach the GitHub API at ${options.apiUrl} (${delivery.error?.message ?? 'no answer'}, ${delivery.attempts} attempt(s))${outcome}.`);
        }
        if (response.status === 304 && read.etag)
            return { response };
        if (response.status < 200 || response.status >= 300) {
            throw read.fail({ response, request: `GET ${path}`, delivery });
        }
        return { data: parse(path, response.body, read), response };
    }
    function parse(path, body, read) {
        let json;
        try {
            json = JSON.parse(body);
        }
        catch {
            throw new GitHubError(`GitHub answered GET ${path} with something that is not JSON${outcome}.`);
        }
        // Masked at the boundary: a step name holding a secret is *** before it is cut to length.
        const masked = (0,secrets/* maskValues */.Z$)(json);
        if (!read.schema)
            return masked;
        const parsed = read.schema.safeParse(masked);
        if (!parsed.success) {
            throw new GitHubError(`GitHub's answer to GET ${path} is not ${read.what ?? 'what was asked'} as the report needs it (${firstIssue(parsed.error)})${outcome}.`);
        }
        return parsed.data;
    }
    return {
        get,
        data: async (path, read) => (await get(path, read)).data,
        budget: options.budget,
        get count() {
            return count;
        }
    };
}
/** Every item of a listing, page by page, until a short page or the total GitHub tells. */
async function allPages(requester, path, key, read) {
    const items = [];
    const separator = path.includes('?') ? '&' : '?';
    const schema = pageSchema(key, read.schema);
    for (let page = 1;; page++) {
        const data = await requester.data(`${path}${separator}per_page=${PAGE_SIZE}&page=${page}`, {
            ...read,
            schema
        });
        const batch = data[key];
        items.push(...batch);
        const total = typeof data.total_count === 'number' ? data.total_count : undefined;
        if (batch.length < PAGE_SIZE || (total !== undefined && items.length >= total))
            return items;
    }
}

;// CONCATENATED MODULE: ./src/mapping/time.ts
// GitHub timestamps: step times carry offsets (-08:00), job times use Z. Compare as numbers.
function time_toMillis(value) {
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

;// CONCATENATED MODULE: ./src/collect/deployments.ts


/** Deployment and run times come from different GitHub services: allow for skew. */
const CREATION_SLACK_MS = 60_000;
/** Deployments of the target's commit created since it started, newest first. */
function candidateDeployments(deployments, target) {
    return deployments
        .filter((d) => d.sha === target.sha &&
        (time_toMillis(d.created_at) ?? -Infinity) >= target.since - CREATION_SLACK_MS)
        .sort((a, b) => (time_toMillis(b.created_at) ?? 0) - (time_toMillis(a.created_at) ?? 0));
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
/** Where a deployment's statuses say it can be seen: the newest log or target URL. */
function statusUrl(statuses) {
    return statuses.map((s) => s.log_url || s.target_url).find((url) => !!url) ?? undefined;
}
function deploymentRecord(deployment, statuses) {
    const url = statusUrl(statuses);
    return {
        id: deployment.id,
        sha: deployment.sha,
        environment: deployment.environment,
        createdAt: time_toMillis(deployment.created_at) ?? 0,
        states: statuses.map((s) => s.state),
        ...(url ? { url } : {})
    };
}
/**
 * The deployments the target made, newest first: of the commit's deployments (listed
 * already, or on their way), those created since the target started whose statuses link
 * back to it. The statuses of every candidate are read at once.
 */
async function deploymentsMade(client, listed, target) {
    const candidates = candidateDeployments(listed, target);
    const statuses = await Promise.all(candidates.map((d) => client.listDeploymentStatuses(d.id)));
    return candidates
        .map((d, i) => ({ d, statuses: statuses[i] }))
        .filter(({ statuses }) => statusesLinkToTarget(statuses, target))
        .map(({ d, statuses }) => deploymentRecord(d, statuses));
}
/** The notice for deployments that could not be read, naming what to change. */
function unreadableDeployments(sha, cause) {
    const status = cause instanceof GitHubError ? cause.status : undefined;
    const hint = status === 403
        ? 'add `deployments: read` under `permissions:`, or set cd: true or cd: false'
        : 'set cd: true or cd: false to decide without the deployments API';
    return `cd: auto could not read the deployments of commit ${sha.slice(0, 12)} (${status ? `HTTP ${status}` : 'no answer'}), so the run is reported as CI; ${hint}.`;
}

;// CONCATENATED MODULE: ./src/github/find-job.ts

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
/**
 * The job, named by its key when GitHub gives it no name (as older GitHub Enterprise
 * Server can): the key stays the same from run to run, as SEI's job name must.
 */
function namedJob(job, jobKey) {
    return job.name ? job : { ...job, name: jobKey || `Job ${job.id}` };
}
/** Looks the job up, and again while the API lags, as long as the step's budget allows. */
async function findCurrentJob(client, locator, delays = LOOKUP_DELAYS_MS) {
    if (locator.checkRunId !== undefined) {
        return namedJob(await client.getJob(locator.checkRunId), locator.jobKey);
    }
    for (let attempt = 0;; attempt++) {
        const jobs = await client.listAttemptJobs(locator.runId, locator.runAttempt);
        const job = pickCurrentJob(jobs, locator.runnerName);
        if (job)
            return namedJob(job, locator.jobKey);
        const delay = delays[attempt];
        if (delay === undefined || delay >= client.budget.remaining()) {
            throw new GitHubError(`No in-progress job of run ${locator.runId} attempt ${locator.runAttempt} runs on runner "${locator.runnerName}" (${jobs.length} job(s) listed, ${attempt + 1} look-ups): the runner may not expose job.check_run_id here; set scope: workflow in a last job instead.`);
        }
        await client.budget.clock.sleep(delay);
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(4377);
// EXTERNAL MODULE: ./src/defaults.ts
var defaults = __webpack_require__(5285);
;// CONCATENATED MODULE: ./src/sei/schema.ts
// The SEI custom CI/CD payload as the server accepts it (docs: the wire-format page).



const RESULTS = ['SUCCESS', 'FAILURE', 'ABORTED', 'UNSTABLE', 'NOT_BUILT'];
const MAX_DESCRIPTION = 200;
/** Commits per report: SEI has no cap; this keeps a payload of a long range bounded. */
const MAX_COMMITS = 1000;
const result = schemas/* enum */.k5n(RESULTS);
const schema_text = schemas/* string */.YjP().min(1);
const millis = schemas/* number */.aig().int().nonnegative();
const isoTime = iso/* datetime */.w$({ offset: true });
const stepSchema = schemas/* object */.Ikc({
    id: schema_text,
    displayName: schema_text,
    displayDescription: schema_text.max(MAX_DESCRIPTION),
    result,
    state: schemas/* string */.YjP().max(30),
    durationInMillis: millis,
    startTime: isoTime.optional()
});
function uniqueIds(items) {
    return new Set(items.map((item) => item.id)).size === items.length;
}
const stageSchema = stepSchema.extend({
    steps: schemas/* array */.YOg(stepSchema).refine(uniqueIds, 'step ids must be unique within a stage')
});
const artifactSchema = schemas/* object */.Ikc({
    input: schemas/* boolean */.zMY(),
    output: schemas/* boolean */.zMY(),
    type: schema_text,
    name: schema_text,
    location: schemas/* string */.YjP().optional(),
    qualifier: schemas/* string */.YjP().optional(),
    hash: schemas/* string */.YjP().optional(),
    metadata: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional()
});
const triggerSchema = schemas/* object */.Ikc({
    id: schema_text,
    type: schema_text,
    job_run_number: schemas/* number */.aig().int().nonnegative().optional(),
    direct_parents: schemas/* array */.YOg(schemas/* unknown */.L5J()).optional()
});
const paramSchema = schemas/* object */.Ikc({
    type: schemas/* literal */.euz('StringParameterValue'),
    name: schema_text,
    value: schemas/* string */.YjP()
});
const payloadSchema = schemas/* object */.Ikc({
    pipeline: schema_text,
    job_full_name: schema_text,
    qualified_name: schema_text,
    instance_guid: schemas/* string */.YjP().regex(defaults/* GUID_PATTERN */.$F),
    instance_name: schema_text,
    instance_url: schemas/* url */.OZ5(),
    result,
    start_time: millis,
    duration: millis,
    build_number: schemas/* number */.aig().int().positive(),
    execution_id: schema_text,
    user_id: schemas/* string */.YjP(),
    repo_url: schemas/* url */.OZ5(),
    branch_name: schemas/* string */.YjP(),
    scm_commit_ids: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^([0-9a-f]{40}|[0-9a-f]{64})$/)).max(MAX_COMMITS),
    trigger_chain: schemas/* array */.YOg(triggerSchema),
    job_run_params: schemas/* array */.YOg(paramSchema),
    ci: schemas/* boolean */.zMY(),
    cd: schemas/* boolean */.zMY(),
    artifacts: schemas/* array */.YOg(artifactSchema),
    job_run: schemas/* object */.Ikc({
        stages: schemas/* array */.YOg(stageSchema).refine(uniqueIds, 'stage ids must be unique within a run')
    }),
    project_name: schemas/* string */.YjP().optional(),
    module_name: schemas/* string */.YjP().optional(),
    cfr_status: schemas/* boolean */.zMY().optional(),
    themes: schemas/* array */.YOg(schemas/* string */.YjP()).optional()
})
    .refine((payload) => payload.ci !== payload.cd, 'exactly one of ci and cd must be true');
class PayloadError extends errors.ExplainedError {
    name = 'PayloadError';
}
/** Checks a payload before it is sent; a failure names the first wrong field. */
function validatePayload(payload) {
    const parsed = payloadSchema.safeParse(payload);
    if (parsed.success)
        return parsed.data;
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.') || 'payload';
    throw new PayloadError(`The SEI payload is invalid at ${path}: ${issue.message}. This is a bug in sei-cicd-action; please report it with the payload output.`);
}

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
/** A run read from the API: it carries no event payload. */
function run_info_runFromApi(context, run) {
    return {
        owner: context.owner,
        repo: context.repo,
        serverUrl: context.serverUrl,
        workflowName: run.name || run.path || 'workflow',
        runId: run.id,
        runNumber: run.run_number,
        runAttempt: run.run_attempt ?? 1,
        eventName: run.event,
        event: {},
        sha: run.head_sha,
        branch: run.head_branch ?? '',
        actor: run.triggering_actor?.login ?? run.actor?.login ?? ''
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
/** Full, non-zero SHAs in first-seen order, without duplicates, at most `limit`. */
function uniqueShas(candidates, limit = MAX_COMMITS) {
    const seen = new Set();
    for (const candidate of candidates) {
        if (typeof candidate !== 'string')
            continue;
        const sha = candidate.toLowerCase();
        if (!isCommitSha(sha))
            continue;
        seen.add(sha);
        if (seen.size === limit)
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
        // Not the payload's `after`: for an annotated tag that is the tag object, not a commit.
        return uniqueShas([run.sha, ...[...listed].reverse()]);
    }
    if (run.eventName === 'workflow_run') {
        return uniqueShas([eventField(run.event, 'workflow_run', 'head_sha'), run.sha]);
    }
    return uniqueShas([run.sha]);
}

;// CONCATENATED MODULE: ./src/mapping/shipped.ts
// The commits a deployment shipped to its environment for the first time: those after
// the previous successful deployment to the same environment, up to the deployed SHA.
// SEI links commits to deployments by SHA overlap, so a commit listed by two
// deployments of one environment would count its lead time from the later one.


/**
 * GitHub marks a superseded successful deployment `inactive`, so a deployment counts
 * as successful when any of its statuses is `success`, whatever came after.
 */
function wasSuccessful(deployment) {
    return deployment.states.includes('success');
}
function isEarlier(a, b) {
    return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}
/** Deployments to the same environment made before `current`, newest first. */
function earlierDeployments(current, history) {
    return history
        .filter((d) => d.environment === current.environment && d.id !== current.id)
        .filter((d) => isEarlier(d, current))
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}
/** The newest earlier deployment to the same environment that succeeded; failed ones do not count. */
function previousSuccessful(current, history) {
    return earlierDeployments(current, history).find(wasSuccessful);
}
/** The newest earlier run, other than `currentRunId`, whose job of the same name succeeded. */
function previousSuccessfulRun(currentRunId, runs) {
    return [...runs]
        .filter((run) => run.runId !== currentRunId && run.jobConclusion === 'success')
        .sort((a, b) => b.createdAt - a.createdAt)[0];
}
/** The comparison to read for a range, or undefined when there is nothing to compare. */
function rangeToCompare(range) {
    const base = range.previous?.sha;
    if (!base || base === range.head)
        return undefined;
    return { base, head: range.head };
}
/**
 * `compared`: for each environment, the commits of base...head oldest first, as the
 * compare API lists them (the newest part when it had more), with the range's total.
 * The union is listed, so a run that deploys to two environments lists every commit
 * that is new to either.
 */
function shippedCommits(head, compared, limit = MAX_COMMITS) {
    const newestFirst = compared.flatMap((range) => [...range.commits].reverse());
    const all = uniqueShas([head, ...newestFirst], Number.MAX_SAFE_INTEGER);
    const known = Math.max(all.length, 1 +
        Math.max(0, ...compared.map((range) => range.total - (range.commits.includes(head) ? 1 : 0))));
    return { commits: all.slice(0, limit), left: Math.max(0, known - limit) };
}
function shippedOf(range, compared) {
    if (!range.previous)
        return { environment: range.environment, count: 1, head: range.head };
    const count = range.previous.sha === range.head ? 0 : Math.max(compared.total, compared.commits.length);
    return { environment: range.environment, count, head: range.head, previous: range.previous };
}
/**
 * A CD report's commits from its ranges and their compared commits (same order), what
 * each environment got for the summary, and a notice when the list was cut.
 */
function shippedReport(head, ranges, compared, limit = MAX_COMMITS) {
    const list = shippedCommits(head, compared, limit);
    const shipped = ranges.map((range, i) => shippedOf(range, compared[i] ?? { commits: [], total: 0 }));
    if (list.left === 0)
        return { commits: list.commits, shipped };
    const notice = `This deployment shipped ${list.commits.length + list.left} commits; the newest ${list.commits.length} are reported (SEI links lead time by commit, so the oldest ${list.left} get none).`;
    return { commits: list.commits, shipped, notice };
}

;// CONCATENATED MODULE: ./src/collect/shipped.ts
// Reads what the shipped-commits rule (mapping/shipped.ts) needs: the earlier
// deployments to an environment and their statuses, or, without a deployment record,
// the earlier runs of the same job; then the commits between.



/** Earlier deployments (or runs) whose statuses (or jobs) are read at once, window by window. */
const HISTORY_WINDOW = 5;
/** The first item, in order, that `test` accepts, reading `load` for a window at a time. */
async function firstInWindows(items, load, test) {
    for (let from = 0; from < items.length; from += HISTORY_WINDOW) {
        const loaded = await Promise.all(items.slice(from, from + HISTORY_WINDOW).map(load));
        const found = loaded.find(test);
        if (found !== undefined)
            return found;
    }
    return undefined;
}
function rangeFrom(environment, head, previous) {
    if (!previous)
        return { environment, head };
    const { sha, createdAt, url } = previous;
    return { environment, head, previous: { sha, createdAt, ...(url ? { url } : {}) } };
}
/**
 * The range a deployment shipped: from the previous successful deployment to the same
 * environment (`history`: that environment's deployments as GitHub listed them).
 */
async function deploymentRange(client, current, history) {
    const earlier = earlierDeployments(current, history.map((d) => deploymentRecord(d, [])));
    const byId = new Map(history.map((d) => [d.id, d]));
    const previous = await firstInWindows(earlier, async (record) => deploymentRecord(byId.get(record.id), await client.listDeploymentStatuses(record.id)), wasSuccessful);
    return rangeFrom(current.environment, current.sha, previous);
}
/** Without a deployment record: the range since the previous successful run of the same job. */
async function runRange(client, query) {
    const runs = (await client.listCompletedRuns(query.workflow, query.before)).filter((run) => run.id !== query.runId);
    const toRecord = async (run) => {
        const base = {
            runId: run.id,
            sha: run.head_sha,
            createdAt: time_toMillis(run.created_at) ?? 0,
            ...(run.html_url ? { url: run.html_url } : {})
        };
        if (query.jobName === undefined)
            return { ...base, jobConclusion: run.conclusion };
        const jobs = await client.listAttemptJobs(run.id, run.run_attempt ?? 1);
        const job = jobs.find((j) => j.name === query.jobName);
        return {
            ...base,
            jobConclusion: job?.conclusion,
            ...(job?.html_url ? { url: job.html_url } : {})
        };
    };
    const previous = await firstInWindows(runs, toRecord, (record) => previousSuccessfulRun(query.runId, [record]) !== undefined);
    return rangeFrom(query.environment, query.head, previous);
}
/** The commits of a range, newest `limit` of them; none for a first deployment or a redeploy. */
async function rangeCommits(client, compare, limit) {
    if (!compare)
        return { commits: [], total: 0 };
    return client.compareNewest({ ...compare, limit });
}
/** The oldest deployment per environment: where this target's shipping started. */
function firstPerEnvironment(made) {
    const first = new Map();
    for (const record of [...made].reverse()) {
        if (!first.has(record.environment))
            first.set(record.environment, record);
    }
    return [...first.values()];
}
function failureStatus(cause) {
    const status = cause?.status;
    return status ? `HTTP ${status}` : 'no answer';
}
/** A range's commits, or none with a notice when they cannot be read. */
async function commitsOrNotice(client, range, limit, notices) {
    try {
        return await rangeCommits(client, rangeToCompare(range), limit);
    }
    catch (cause) {
        notices.push(`The commits shipped to ${range.environment} since ${range.previous?.sha.slice(0, 7)} could not be listed (${failureStatus(cause)}), so only the deployed commit is reported.`);
        return { commits: [], total: 0 };
    }
}
/**
 * Reads, as early as each request can start: the statuses of the commit's candidate
 * deployments together with the deployments of their environments; then the statuses
 * of earlier deployments, window by window, until a successful one; then the commits
 * between. A failure to read the deployments themselves is thrown (the caller decides
 * CI or CD); a failure past that costs only the commit range, with a notice.
 */
async function readDeployments(client, listed, target, limit) {
    const candidates = candidateDeployments(listed, target);
    const histories = new Map([...new Set(candidates.map((d) => d.environment))].map((env) => {
        const history = client.listEnvironmentDeployments(env);
        history.catch(() => undefined);
        return [env, history];
    }));
    const made = await deploymentsMade(client, listed, target);
    const notices = [];
    const ranges = await Promise.all(firstPerEnvironment(made).map(async (current) => {
        try {
            return await deploymentRange(client, current, await histories.get(current.environment));
        }
        catch (cause) {
            notices.push(`The earlier deployments to ${current.environment} could not be read (${failureStatus(cause)}), so only the deployed commit is reported.`);
            return { environment: current.environment, head: current.sha };
        }
    }));
    const compared = await Promise.all(ranges.map((range) => commitsOrNotice(client, range, limit, notices)));
    return { made, ranges, compared, notices };
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

;// CONCATENATED MODULE: ./src/mapping/identity.ts
// The identities SEI keys its data on. SEI keeps one job per job_full_name and one run
// per (job, build_number), and the first post of a build_number wins, so:
// - job_full_name never holds anything that changes between runs;
// - build_number changes with every re-run attempt.
// Names are cleaned here, once, so that a run's own job_full_name and the id an
// UpstreamCause gives it are the same string.

/** Longest job_full_name sent; SEI's column is wider, but a name this long is a bug. */
const NAME_LIMIT = 1000;
/** Attempts per run number that the build number scheme leaves room for. */
const ATTEMPT_SLOTS = 1000;
function workflowFullName(run) {
    return cleanText(`${run.owner}/${run.repo}/${run.workflowName}`, NAME_LIMIT);
}
function jobFullName(run, jobName) {
    return cleanText(`${run.owner}/${run.repo}/${run.workflowName}/${jobName}`, NAME_LIMIT);
}
/**
 * The largest number SEI can link an UpstreamCause to: it parses job_run_number as a
 * 32-bit signed integer and fails to store the run otherwise. Build numbers reach it at
 * run number 2,147,483; build_number itself has no such limit.
 */
const MAX_LINKED_BUILD_NUMBER = 2_147_483_647;
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
/** The parameter a DORA profile filters on to count one environment's deployments. */
const ENVIRONMENT_PARAM = 'environment';
/**
 * The environments deployed to (one `environment` each), dispatch inputs, matrix values
 * (`matrix.<key>`), the run attempt, then the user's params.
 */
function runParams(run, matrix, extra, environments = []) {
    const params = [...new Set(environments)].map((name) => param(ENVIRONMENT_PARAM, name));
    if (run.eventName === 'workflow_dispatch') {
        for (const [name, value] of entries(eventField(run.event, 'inputs'))) {
            // Where the report knows where it deployed, a dispatch input must not contradict it.
            if (name === ENVIRONMENT_PARAM && environments.length > 0)
                continue;
            params.push(param(name, value));
        }
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
    const conclusions = steps
        .filter((step) => step.status === 'completed')
        .map((step) => step.conclusion ?? '');
    if (conclusions.some((c) => FAILED.has(c)))
        return 'FAILURE';
    if (conclusions.includes('cancelled'))
        return 'ABORTED';
    return 'SUCCESS';
}
/**
 * The result of the job running this step. The runner's `job.status` (read again at
 * post time) is final for every main step, so it decides; the steps the API shows
 * decide only where the status is missing (an older runner). A step that failed under
 * `continue-on-error` leaves the status at success, and GitHub shows the job green.
 */
function currentJobResult(jobStatus, steps) {
    return JOB_STATUSES[jobStatus] ?? resultFromSteps(steps);
}
/** The result of a finished (or, for the current job, running) job of a run. */
function result_jobResult(job) {
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
    const results = jobs.map(result_jobResult);
    if (results.includes('FAILURE'))
        return 'FAILURE';
    if (results.includes('ABORTED'))
        return 'ABORTED';
    return 'SUCCESS';
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
        const name = label(step.name, MAX_DESCRIPTION, `Step ${step.number}`);
        return {
            id: stepId(step, used),
            displayName: name,
            displayDescription: name,
            result: conclusionResult(step.conclusion),
            state: FINISHED,
            ...timing(time_toMillis(step.started_at), time_toMillis(step.completed_at))
        };
    });
}
function mapStage(job, overrides = {}) {
    const name = label(job.name, MAX_DESCRIPTION, `Job ${job.id}`);
    const start = time_toMillis(job.started_at);
    const end = overrides.end ?? time_toMillis(job.completed_at);
    return {
        id: String(job.id),
        displayName: name,
        displayDescription: name,
        result: overrides.result ?? result_jobResult(job),
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
/** The upstream run of a workflow_run event, as SEI names it: its job and build number. */
function upstreamRun(run) {
    const upstream = eventField(run.event, 'workflow_run');
    const name = eventField(run.event, 'workflow_run', 'name');
    const number = eventField(run.event, 'workflow_run', 'run_number');
    if (!upstream || typeof name !== 'string' || typeof number !== 'number')
        return undefined;
    const attempt = eventField(run.event, 'workflow_run', 'run_attempt');
    return {
        id: workflowFullName({ owner: run.owner, repo: run.repo, workflowName: name }),
        buildNumber: buildNumber(number, typeof attempt === 'number' ? attempt : 1)
    };
}
function upstreamCause(run) {
    const upstream = upstreamRun(run);
    if (!upstream || upstream.buildNumber > MAX_LINKED_BUILD_NUMBER)
        return undefined;
    return { id: upstream.id, type: 'UpstreamCause', job_run_number: upstream.buildNumber };
}
/** Why the run is not linked to its upstream run, when its build number is past SEI's limit. */
function triggerNotice(run) {
    if (run.eventName !== 'workflow_run')
        return undefined;
    const upstream = upstreamRun(run);
    if (!upstream || upstream.buildNumber <= MAX_LINKED_BUILD_NUMBER)
        return undefined;
    return `The upstream run's build number ${upstream.buildNumber} is past the largest SEI can link a trigger to (${MAX_LINKED_BUILD_NUMBER}), so the trigger is sent as the user who started it, without a link to ${upstream.id}.`;
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








function artifacts(list, cd) {
    return list.map((artifact) => ({ input: cd, output: !cd, ...artifact }));
}
function assemble(run, shape, options) {
    const fullName = shape.fullName;
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
        scm_commit_ids: options.shippedCommits
            ? [...options.shippedCommits]
            : commitIds(run, options.comparedCommits),
        trigger_chain: triggerChain(run),
        job_run_params: runParams(run, options.matrix, options.params, options.environments),
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
/**
 * One job, reported at `now` with `result`: the job running this step (see
 * `currentJobResult`) or, for a preview, a finished job (its `jobResult`).
 */
function payload_buildJobReport(run, job, result, now, options) {
    const steps = job.steps ?? [];
    const start = time_toMillis(job.started_at) ?? now;
    const notices = [];
    const pending = pendingPostSteps(steps);
    if (pending.length > 0) {
        notices.push(`${pending.length} step(s) run after this report and are left out (${pending.join(', ')}): move the sei-cicd-action step to the top of the job so its post step runs last.`);
    }
    const linkNotice = triggerNotice(run);
    if (linkNotice)
        notices.push(linkNotice);
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
    const linkNotice = triggerNotice(run);
    return { payload, notices: linkNotice ? [linkNotice] : [] };
}
/** The end of a finished run: the last job's completion, else the run's last update. */
function finishedRunEnd(jobs, updatedAt) {
    const ends = jobs
        .map((job) => time_toMillis(job.completed_at))
        .filter((t) => t !== undefined);
    return ends.length > 0 ? Math.max(...ends) : (time_toMillis(updatedAt) ?? 0);
}

;// CONCATENATED MODULE: ./src/collect.ts











/**
 * The commit's deployments request, started at once (it needs only the SHA), or none:
 * `cd: true` and `cd: false` decide without them, unless an environment is named.
 */
function listDeployments(inputs, client, sha) {
    if (!sha || (inputs.cd !== 'auto' && inputs.environment === undefined))
        return undefined;
    return early(client.listDeployments(sha));
}
/** Marks a request started early as handled, so that a sibling's failure leaves it quiet. */
function early(promise) {
    promise.catch(() => undefined);
    return promise;
}
/** How a failed GitHub call ended, for a notice: its HTTP status, or no answer. */
function collect_failureStatus(cause) {
    return cause instanceof GitHubError && cause.status ? `HTTP ${cause.status}` : 'no answer';
}
// ---- commits of CI reports -------------------------------------------------------
/** The push's full commit list when its payload was cut short; undefined keeps the payload's. */
async function comparedCommits(run, client, notices) {
    const range = truncatedPush(run);
    if (!range)
        return undefined;
    try {
        return await client.compareCommits(range.base, range.head);
    }
    catch (cause) {
        notices.push(`The push event lists only ${pushedCommits(run.event).length} commits and the compare API could not give the rest (${collect_failureStatus(cause)} on ${range.base.slice(0, 7)}...${range.head.slice(0, 7)}), so only those are reported.`);
        return undefined;
    }
}
/**
 * The commits a finished push run brought, which its run object does not list: those
 * since the previous push run of the same workflow on the branch.
 */
async function finishedPushCommits(run, client, notices) {
    if (run.event !== 'push' || !run.workflow_id || !run.head_branch)
        return undefined;
    try {
        const previous = await client.previousPushRun({
            workflowId: run.workflow_id,
            branch: run.head_branch,
            before: run.created_at
        });
        if (!previous || previous.head_sha === run.head_sha)
            return undefined;
        return await client.compareCommits(previous.head_sha, run.head_sha);
    }
    catch (cause) {
        notices.push(`The commits of push run ${run.id} could not be listed (${collect_failureStatus(cause)}), so only its head commit is reported.`);
        return undefined;
    }
}
const CI = { cd: false, environments: [], shipped: [] };
/** A CD report's environments, commits and summary lines from what was read. */
function fromRanges(environments, ranges, compared, head, notices) {
    const shipped = shippedReport(head, ranges, compared);
    if (shipped.notice)
        notices.push(shipped.notice);
    return { cd: true, environments, commits: shipped.commits, shipped: shipped.shipped };
}
/**
 * `listed`: the commit's deployments, requested before the target was known. `history`:
 * how to find the previous run of the same job when the deployment has no GitHub record.
 */
async function deploymentData(inputs, client, target, listed, history, notices) {
    if (!listed)
        return { ...CI, cd: inputs.cd === 'true' || inputs.environment !== undefined };
    const named = inputs.environment;
    let read;
    try {
        read = await readDeployments(client, await listed, target, MAX_COMMITS);
    }
    catch (cause) {
        if (!named) {
            notices.push(unreadableDeployments(target.sha, cause));
            return CI;
        }
        notices.push(`The deployments of commit ${target.sha.slice(0, 12)} could not be read (${collect_failureStatus(cause)}), so the commits shipped to ${named} are counted from the previous successful run of this job; add \`deployments: read\` under \`permissions:\` if the job has an environment.`);
        read = undefined;
    }
    if (read)
        notices.push(...read.notices);
    if (read && read.made.length > 0) {
        const environments = named ? [named] : [...new Set(read.made.map((d) => d.environment))];
        const ranges = named ? read.ranges.map((r) => ({ ...r, environment: named })) : read.ranges;
        return fromRanges(environments, ranges, read.compared, read.made[0].sha, notices);
    }
    if (!named)
        return CI;
    return namedWithoutRecord(named, client, target, history, notices);
}
/** `environment` on a job that made no GitHub deployment: the previous successful run. */
async function namedWithoutRecord(environment, client, target, history, notices) {
    let range = { environment, head: target.sha };
    if (history) {
        try {
            range = await runRange(client, history);
        }
        catch (cause) {
            notices.push(`The earlier runs of this job could not be read (${collect_failureStatus(cause)}), so only the deployed commit is reported for ${environment}.`);
        }
    }
    const compared = await commitsOrNotice(client, range, MAX_COMMITS, notices);
    return fromRanges([environment], [range], [compared], target.sha, notices);
}
/** The workflow to read earlier runs of: its file name from GITHUB_WORKFLOW_REF. */
function workflowFile(context) {
    const path = /^[^/]+\/[^/]+\/(.+?)@/.exec(context.workflowRef ?? '')?.[1];
    return path?.split('/').pop();
}
// ---- options handed to the mapping ---------------------------------------------
function reportOptions(inputs, deployed, compared, matrix) {
    return {
        instanceGuid: inputs.instanceGuid,
        instanceName: inputs.instanceName,
        cd: deployed.cd,
        artifacts: inputs.artifacts,
        params: inputs.params,
        ...(matrix ? { matrix } : {}),
        projectName: inputs.projectName,
        moduleName: inputs.moduleName,
        themes: inputs.themes,
        cfrStatus: inputs.cfrStatus,
        ...(compared ? { comparedCommits: compared } : {}),
        environments: deployed.environments,
        ...(deployed.commits ? { shippedCommits: deployed.commits } : {})
    };
}
// ---- the three subjects --------------------------------------------------------
/** The finished run this step reports instead of its own, if any. */
async function collect_upstreamRun(inputs, context, client) {
    if (inputs.runId !== undefined)
        return client.getRun(inputs.runId);
    const upstream = context.event.workflow_run;
    if (inputs.scope === 'workflow' && context.eventName === 'workflow_run' && upstream) {
        return upstream;
    }
    return undefined;
}
async function finishedRunReport(run, inputs, context, client, notices) {
    const info = run_info_runFromApi(context, run);
    if (run.status && run.status !== 'completed') {
        notices.push(`Workflow run ${run.id} is ${run.status}, not completed: its jobs are reported as they are now.`);
    }
    const start = time_toMillis(run.run_started_at) ?? time_toMillis(run.created_at) ?? 0;
    const listed = listDeployments(inputs, client, run.head_sha);
    const target = { sha: run.head_sha, runId: run.id, since: start };
    const history = finishedHistory(inputs, run);
    const [jobs, compared, deployed] = await Promise.all([
        client.listAttemptJobs(run.id, run.run_attempt ?? 1),
        finishedPushCommits(run, client, notices),
        deploymentData(inputs, client, target, listed, history, notices)
    ]);
    const report = buildWorkflowReport(info, jobs, { start, end: finishedRunEnd(jobs, run.updated_at), conclusion: run.conclusion }, reportOptions(inputs, deployed, compared));
    return { report, shipped: deployed.shipped };
}
/** What tells this step's job apart: its id when the runner gives one, else its runner. */
function jobLocator(context, checkRunId) {
    return {
        runId: context.runId,
        runAttempt: context.runAttempt,
        runnerName: context.runnerName,
        jobKey: context.jobKey,
        ...(checkRunId === undefined ? {} : { checkRunId })
    };
}
/**
 * The reporting job when the first listing did not show it running (the API lags the
 * runner; without job.check_run_id, on older GHES, the runner name is all there is).
 */
async function reportingJobAfterLag(context, client, notices) {
    try {
        const job = await findCurrentJob(client, jobLocator(context));
        return job.id;
    }
    catch (cause) {
        if (!(cause instanceof GitHubError))
            throw cause;
        notices.push(`The job running this step could not be told apart (runner "${context.runnerName}"), so it is reported as a stage too.`);
        return undefined;
    }
}
/** The earlier runs to look at when a named environment has no deployment record. */
function runHistory(inputs, context, before, jobName) {
    const workflow = workflowFile(context);
    if (!inputs.environment || !workflow || !before)
        return undefined;
    return {
        environment: inputs.environment,
        head: context.sha,
        runId: context.runId,
        workflow,
        before,
        ...(jobName === undefined ? {} : { jobName })
    };
}
/** The same for a finished run read from the API, which names its workflow by id. */
function finishedHistory(inputs, run, jobName) {
    if (!inputs.environment || !run.workflow_id)
        return undefined;
    return {
        environment: inputs.environment,
        head: run.head_sha,
        runId: run.id,
        workflow: run.workflow_id,
        before: run.created_at,
        ...(jobName === undefined ? {} : { jobName })
    };
}
async function currentRunReport(inputs, context, client, clock, notices) {
    const info = runFromContext(context);
    const listed = listDeployments(inputs, client, context.sha);
    const compared = early(comparedCommits(info, client, notices));
    const [jobs, attempt] = await Promise.all([
        client.listAttemptJobs(context.runId, context.runAttempt),
        client.getRunAttempt(context.runId, context.runAttempt)
    ]);
    const now = clock.now();
    const start = time_toMillis(attempt.run_started_at) ?? time_toMillis(attempt.created_at) ?? now;
    const target = { sha: context.sha, runId: context.runId, since: start };
    const history = runHistory(inputs, context, attempt.created_at);
    const [reporting, deployed] = await Promise.all([
        inputs.jobCheckRunId ??
            pickCurrentJob(jobs, context.runnerName)?.id ??
            reportingJobAfterLag(context, client, notices),
        deploymentData(inputs, client, target, listed, history, notices)
    ]);
    const report = buildWorkflowReport({ ...info, workflowName: attempt.name || info.workflowName }, jobs, { start, end: now }, reportOptions(inputs, deployed, await compared), reporting);
    return { report, shipped: deployed.shipped };
}
async function currentJobReport(inputs, context, client, clock, notices) {
    const info = runFromContext(context);
    const listed = listDeployments(inputs, client, context.sha);
    const compared = early(comparedCommits(info, client, notices));
    const job = await findCurrentJob(client, jobLocator(context, inputs.jobCheckRunId));
    const since = time_toMillis(job.created_at) ?? time_toMillis(job.started_at) ?? clock.now();
    const target = { sha: context.sha, runId: context.runId, jobId: job.id, since };
    const history = runHistory(inputs, context, job.created_at ?? job.started_at, job.name);
    const deployed = await deploymentData(inputs, client, target, listed, history, notices);
    const result = currentJobResult(inputs.jobStatus, job.steps ?? []);
    const options = reportOptions(inputs, deployed, await compared, inputs.matrix);
    return {
        report: payload_buildJobReport(info, job, result, clock.now(), options),
        shipped: deployed.shipped
    };
}
function collected(built, notices, subject) {
    return {
        payload: validatePayload(built.report.payload),
        notices: [...built.report.notices, ...notices],
        subject,
        shipped: built.shipped
    };
}
/** A finished job of a finished run, as its own post step would have reported it. */
async function collectFinishedJob(inputs, context, client, run, job, clock) {
    const notices = [];
    const info = runFromApi(context, { ...run, run_attempt: job.run_attempt ?? run.run_attempt });
    const end = toMillis(job.completed_at) ?? clock.now();
    const since = toMillis(job.created_at) ?? toMillis(job.started_at) ?? end;
    const listed = listDeployments(inputs, client, run.head_sha);
    const target = { sha: run.head_sha, runId: run.id, jobId: job.id, since };
    const history = finishedHistory(inputs, run, job.name);
    const [compared, deployed] = await Promise.all([
        finishedPushCommits(run, client, notices),
        deploymentData(inputs, client, target, listed, history, notices)
    ]);
    const report = buildJobReport(info, job, jobResult(job), end, reportOptions(inputs, deployed, compared));
    return collected({ report, shipped: deployed.shipped }, notices, 'job');
}
/**
 * The report of this step's job (scope: job), of this run (scope: workflow), or of a
 * finished run (run-id, or the run a workflow_run event names), ready to send.
 */
async function collectReport(inputs, context, client, clock) {
    const notices = [];
    const finished = await collect_upstreamRun(inputs, context, client);
    if (finished) {
        return collected(await finishedRunReport(finished, inputs, context, client, notices), notices, 'workflow');
    }
    if (inputs.scope === 'workflow') {
        return collected(await currentRunReport(inputs, context, client, clock, notices), notices, 'workflow');
    }
    return collected(await currentJobReport(inputs, context, client, clock, notices), notices, 'job');
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/context.ts
// What the runner tells every step through its environment and the event file.


class ContextError extends errors.ExplainedError {
    name = 'ContextError';
}
function positive(env, name, fallback) {
    const raw = env[name];
    if ((raw === undefined || raw === '') && fallback !== undefined)
        return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) {
        throw new ContextError(`${name} is "${raw ?? ''}", not a positive number: this step must run inside a GitHub Actions job.`);
    }
    return value;
}
function readEvent(path) {
    if (!path)
        return {};
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (cause) {
        throw new ContextError(`The event file GITHUB_EVENT_PATH (${path}) cannot be read: ${cause.code ?? 'error'}.`);
    }
    try {
        const parsed = JSON.parse(text);
        return typeof parsed === 'object' && parsed !== null ? parsed : {};
    }
    catch {
        throw new ContextError(`The event file GITHUB_EVENT_PATH (${path}) is not valid JSON, so the trigger and commits cannot be read.`);
    }
}
function readContext(env = process.env) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = repository.split('/');
    if (!owner || !repo) {
        throw new ContextError(`GITHUB_REPOSITORY is "${repository}", not owner/repo: this step must run inside a GitHub Actions job.`);
    }
    const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    return {
        serverUrl,
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        owner,
        repo,
        repository,
        runId: positive(env, 'GITHUB_RUN_ID'),
        runNumber: positive(env, 'GITHUB_RUN_NUMBER'),
        runAttempt: positive(env, 'GITHUB_RUN_ATTEMPT', 1),
        workflow: env.GITHUB_WORKFLOW ?? '',
        workflowRef: env.GITHUB_WORKFLOW_REF ?? '',
        jobKey: env.GITHUB_JOB ?? '',
        sha: env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        refName: env.GITHUB_REF_NAME ?? '',
        headRef: env.GITHUB_HEAD_REF ?? '',
        eventName: env.GITHUB_EVENT_NAME ?? '',
        event: readEvent(env.GITHUB_EVENT_PATH),
        actor: env.GITHUB_ACTOR ?? '',
        triggeringActor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || '',
        runnerName: env.RUNNER_NAME ?? '',
        runnerTemp: env.RUNNER_TEMP ?? ''
    };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/report/kept-file.ts
// The undelivered report on disk, where `sei-cicd-action send` can re-post it: under
// RUNNER_TEMP (the runner's per-job directory), else in a directory of its own that
// only this user can read.



const DIR_NAME = 'sei-cicd-action';
function keptDir(env) {
    if (env.RUNNER_TEMP) {
        const dir = (0,external_node_path_.join)(env.RUNNER_TEMP, DIR_NAME);
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
        return dir;
    }
    return (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `${DIR_NAME}-`));
}
/** Writes `payload` (its values masked already) as readable JSON, for its owner only. */
function keepReport(payload, env) {
    const name = `report-${payload.execution_id}.json`;
    let where = env.RUNNER_TEMP ? (0,external_node_path_.join)(env.RUNNER_TEMP, DIR_NAME, name) : name;
    try {
        const file = (0,external_node_path_.join)(keptDir(env), name);
        where = file;
        (0,external_node_fs_.writeFileSync)(file, JSON.stringify(payload, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 });
        return { file };
    }
    catch (cause) {
        return {
            error: `Could not keep the payload in ${where}: ${cause.code ?? cause.message}.`
        };
    }
}
/** Removes a kept report once it was delivered after all; a failure changes nothing. */
function dropKept(file) {
    (0,external_node_fs_.rmSync)(file, { force: true });
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/report/kept-payload.ts
// The undelivered payload in the job summary, collapsed, so that nothing is lost even
// when the runner's temporary directory is gone.

/** The job summary holds at most 1 MiB per step; a larger payload is left to the file. */
const MAX_SUMMARY_PAYLOAD_BYTES = 512 * 1024;
function keptPayloadBlock(json, keptFile) {
    const bytes = Buffer.byteLength(json, 'utf8');
    const title = `<summary>The undelivered SEI payload (${Math.ceil(bytes / 1024)} KB)</summary>`;
    if (bytes > MAX_SUMMARY_PAYLOAD_BYTES) {
        const where = keptFile ? ` and in ${(0,markdown/* escapeHtml */.ZD)(keptFile)}` : '';
        return `<details>${title}\n\nIt is too large for the job summary: it is in the payload output${where}.\n\n</details>\n`;
    }
    return `<details>${title}\n\n<pre><code>${(0,markdown/* escapeHtml */.ZD)(json)}</code></pre>\n\n</details>\n`;
}

// EXTERNAL MODULE: ./src/report/early-summary.ts
var early_summary = __webpack_require__(9396);
;// CONCATENATED MODULE: ./src/invocation.ts
// How a user runs this package's command line from anywhere: straight from the
// repository's v1 tag (the package is not published to a registry).
const CLI = 'npx github:sei-cicd-action/sei-cicd-action#v1';
/** The environment variable the CLI reads the SEI API key from by default. */
const DEFAULT_KEY_ENV = 'SEI_API_KEY';

;// CONCATENATED MODULE: ./src/report/resend.ts
// The command that re-sends a kept report, exactly as it works when pasted into a shell.

/** A word the shell reads back unchanged: bare when it can be, else single-quoted. */
function shellWord(text) {
    return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
function resendCommand(file, endpoint) {
    return `${CLI} send ${shellWord(file)} --sei-endpoint ${shellWord(endpoint)}`;
}
/** Where the re-send command reads the key, said after it. */
const RESEND_KEY_NOTE = `with the API key in ${DEFAULT_KEY_ENV}`;

;// CONCATENATED MODULE: ./src/report/timeline.ts
/** Bars drawn at most; past this the longest bars and every failure are kept. */
const MAX_BARS = 40;
/** Longest bar label, in characters. */
const MAX_LABEL = 60;
const TAGS = {
    SUCCESS: 'done',
    FAILURE: 'crit',
    ABORTED: 'crit',
    UNSTABLE: 'active',
    NOT_BUILT: ''
};
// Words that open a statement of the gantt grammar when they start a line.
const KEYWORDS = /^(gantt|title|section|click|excludes|includes|dateformat|axisformat|tickinterval|todaymarker|weekday|weekend|inclusiveenddates|topaxis|acctitle|accdescr|call|href)\b/i;
/**
 * A label that cannot change the chart's meaning: only letters, digits, spaces and
 * punctuation without a role in the grammar (`:` ends a label, `;` a statement,
 * `#` starts an entity, `%%` a comment, a backtick fence the code block).
 */
function mermaidLabel(text, fallback) {
    let label = text
        .replace(/[^\p{L}\p{N} _.\-/()[\],@+=!?'*]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    if (label.length > MAX_LABEL)
        label = label.slice(0, MAX_LABEL - 1).trimEnd() + '…';
    if (label === '')
        return fallback;
    return KEYWORDS.test(label) ? `(${label})` : label;
}
/** Steps or stages that ran: a start time, and a result other than NOT_BUILT. */
function barsOf(nodes) {
    const bars = [];
    for (const node of nodes) {
        if (node.startTime === undefined || node.result === 'NOT_BUILT')
            continue;
        const start = Date.parse(node.startTime);
        if (Number.isNaN(start))
            continue;
        bars.push({
            label: node.displayName,
            result: node.result,
            start,
            end: start + node.durationInMillis
        });
    }
    return bars;
}
/** At most `max` bars: failures first, then the longest; drawn in order of start. */
function capBars(bars, max = MAX_BARS) {
    if (bars.length <= max)
        return [...bars];
    const rank = (bar) => (bar.result === 'SUCCESS' ? 1 : 0);
    const kept = [...bars]
        .map((bar, index) => ({ bar, index }))
        .sort((a, b) => rank(a.bar) - rank(b.bar) ||
        b.bar.end - b.bar.start - (a.bar.end - a.bar.start) ||
        a.index - b.index)
        .slice(0, max);
    return kept.sort((a, b) => a.bar.start - b.bar.start || a.index - b.index).map(({ bar }) => bar);
}
function renderTimeline(payload, max = MAX_BARS) {
    const stages = payload.job_run.stages;
    const single = stages.length === 1;
    const section = single
        ? mermaidLabel(stages[0].displayName, 'Steps')
        : `Jobs of ${mermaidLabel(payload.pipeline, 'the run')}`;
    const all = single ? barsOf(stages[0].steps) : barsOf(stages);
    const bars = capBars(all, max);
    if (bars.length === 0)
        return { drawn: 0, left: 0 };
    const lines = [
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  todayMarker off',
        `  section ${section}`
    ];
    bars.forEach((bar, index) => {
        const tags = [TAGS[bar.result], `b${index + 1}`].filter((tag) => tag !== '');
        const label = mermaidLabel(bar.label, `${single ? 'Step' : 'Job'} ${index + 1}`);
        lines.push(`  ${label} : ${tags.join(', ')}, ${bar.start}, ${Math.max(bar.end, bar.start)}`);
    });
    lines.push('```');
    return { block: lines.join('\n'), drawn: bars.length, left: all.length - bars.length };
}

;// CONCATENATED MODULE: ./src/report/summary.ts



const ICONS = {
    SUCCESS: '✅',
    FAILURE: '❌',
    ABORTED: '⛔',
    UNSTABLE: '⚠️',
    NOT_BUILT: '⏭️'
};
/** Stages listed in full; past this, only stages that did not succeed are listed. */
const MAX_STAGE_ROWS = 50;
function headline(payload, outcome) {
    const what = (0,markdown/* escapeMarkdown */.FV)(payload.job_full_name);
    if (outcome.status === 'delivered')
        return `### SEI report sent: ${what}`;
    if (outcome.status === 'dry-run')
        return `### SEI report (dry run, not sent): ${what}`;
    return `### SEI report NOT delivered: ${what}`;
}
/** A code span; its content needs no escaping, only no backtick. */
const code = (text) => `\`${text.replace(/[`\r\n]/g, "'")}\``;
function fields(payload) {
    const commits = payload.scm_commit_ids.length;
    return (0,markdown/* table */.tp)(['SEI field', 'Value'], [
        [code('result'), `${ICONS[payload.result]} ${payload.result}`],
        [code('cd'), payload.cd ? 'true (a deployment)' : 'false (a CI run)'],
        ...environmentRows(payload),
        [code('scm_commit_ids'), `${commits} commit${commits === 1 ? '' : 's'}`],
        [code('build_number'), String(payload.build_number)],
        [code('execution_id'), code(payload.execution_id)],
        [code('duration'), (0,markdown/* formatDuration */.a3)(payload.duration)]
    ]);
}
function environmentRows(payload) {
    const names = payload.job_run_params.filter((p) => p.name === 'environment').map((p) => p.value);
    return names.length > 0
        ? [[code('job_run_params'), `environment = ${names.map(code).join(', ')}`]]
        : [];
}
/** A URL as a markdown link target: what could end the link is percent-encoded. */
const linkTarget = (url) => url.replace(/[()[\]<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const summary_short = (sha) => code(sha.slice(0, 7));
/** One line per environment: how many commits it got since which earlier deployment. */
function shippedLines(shipped) {
    return shipped.map((s) => {
        const where = `**${(0,markdown/* escapeMarkdown */.FV)(s.environment)}**`;
        if (!s.previous) {
            return `${where}: no earlier successful deployment found, so only the deployed commit ${summary_short(s.head)} is listed.`;
        }
        const previous = s.previous.url
            ? `[${s.previous.sha.slice(0, 7)}](${linkTarget(s.previous.url)})`
            : summary_short(s.previous.sha);
        if (s.count === 0)
            return `${where}: redeploy of ${summary_short(s.head)}, already deployed by ${previous}; no new commits.`;
        return `${where}: ${s.count} commit${s.count === 1 ? '' : 's'} shipped since the previous successful deployment, ${previous}.`;
    });
}
function resultCell(result) {
    return `${ICONS[result]} ${result}`;
}
function stageRows(payload) {
    const stages = payload.job_run.stages;
    if (stages.length === 1) {
        const rows = stages[0].steps.map((step) => [
            (0,markdown/* escapeMarkdown */.FV)(step.displayName),
            resultCell(step.result),
            (0,markdown/* formatDuration */.a3)(step.durationInMillis)
        ]);
        return { rows, omitted: 0 };
    }
    const shown = stages.length <= MAX_STAGE_ROWS
        ? stages
        : stages.filter((stage) => stage.result !== 'SUCCESS').slice(0, MAX_STAGE_ROWS);
    const rows = shown.map((stage) => [
        (0,markdown/* escapeMarkdown */.FV)(stage.displayName),
        resultCell(stage.result),
        (0,markdown/* formatDuration */.a3)(stage.durationInMillis),
        String(stage.steps.length)
    ]);
    return { rows, omitted: stages.length - shown.length };
}
function stageTable(payload) {
    const stages = payload.job_run.stages;
    const { rows, omitted } = stageRows(payload);
    const parts = [];
    if (rows.length > 0) {
        const header = stages.length === 1 ? ['Step', 'Result', 'Duration'] : ['Job', 'Result', 'Duration', 'Steps'];
        parts.push((0,markdown/* table */.tp)(header, rows));
    }
    if (omitted > 0) {
        parts.push(`_${omitted} of ${stages.length} jobs are not listed: a run of more than ${MAX_STAGE_ROWS} jobs lists only those that did not succeed (at most ${MAX_STAGE_ROWS})._`);
    }
    return parts;
}
function timeline(payload) {
    const chart = renderTimeline(payload);
    if (!chart.block)
        return [];
    const what = payload.job_run.stages.length === 1 ? 'steps' : 'jobs';
    const left = chart.left > 0
        ? [
            `_The timeline shows ${chart.drawn} of ${chart.drawn + chart.left} ${what}: every one that did not succeed, then the longest._`
        ]
        : [];
    return [chart.block, ...left];
}
function renderSummary(payload, outcome, shipped = []) {
    const parts = [headline(payload, outcome), fields(payload), ...shippedLines(shipped)];
    parts.push(...timeline(payload));
    parts.push(...stageTable(payload));
    parts.push({
        'dry-run': `Would be posted to ${outcome.url} (dry run: nothing was sent).`,
        delivered: `Posted to ${outcome.url}.`,
        failed: `Not delivered to ${outcome.url}.`
    }[outcome.status]);
    if (outcome.error)
        parts.push(`**Not delivered:** ${(0,markdown/* escapeMarkdown */.FV)(outcome.error)}`);
    if (outcome.kept)
        parts.push(`The payload was kept in ${code(outcome.kept.file)}; re-send it with ${code(outcome.kept.resend)} (${RESEND_KEY_NOTE}).`);
    return parts.join('\n\n') + '\n';
}

// EXTERNAL MODULE: ./src/runner.ts
var runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/tell.ts
var tell = __webpack_require__(44);
;// CONCATENATED MODULE: ./src/finish.ts







class StepEnd {
    env;
    target;
    collected;
    kept;
    keepAtOnce = false;
    done = false;
    constructor(env, target) {
        this.env = env;
        this.target = target;
    }
    get finished() {
        return this.done;
    }
    /** The report is built: from now on an ending keeps it unless it was delivered. */
    built(collected) {
        this.collected = collected;
        if (this.keepAtOnce)
            this.keep();
    }
    /** Keeps the report on disk now, or as soon as it is built (a cancelled step may die soon). */
    keepNow() {
        this.keepAtOnce = true;
        if (this.collected)
            this.keep();
    }
    finish(ending) {
        if (this.done)
            return;
        this.done = true;
        if (ending.status === 'failed' && this.collected)
            this.keep();
        if (ending.status !== 'failed')
            this.dropKept();
        this.writeOutputs(ending);
        this.writeSummary(ending);
        if (ending.status === 'failed')
            (0,tell/* complain */.c)(this.failureText(ending.message), this.target.failOnError);
        else
            runner/* info */.pq(ending.line);
    }
    keep() {
        if (this.kept || !this.collected)
            return;
        this.kept = keepReport(this.collected.payload, this.env);
    }
    dropKept() {
        if (!this.kept || !('file' in this.kept))
            return;
        try {
            dropKept(this.kept.file);
        }
        catch {
            // A stale copy of a delivered report does no harm: send would post it once more.
        }
        this.kept = undefined;
    }
    resend(file) {
        return resendCommand(file, this.target.endpoint);
    }
    failureText(message) {
        if (!this.collected || !this.kept)
            return message;
        if ('file' in this.kept) {
            return `${message} The payload was kept in ${this.kept.file}; re-send it with \`${this.resend(this.kept.file)}\` (${RESEND_KEY_NOTE}).`;
        }
        return `${message} ${this.kept.error} The payload is in the job summary.`;
    }
    writeOutputs(ending) {
        const payload = this.collected?.payload;
        if (payload) {
            runner/* setJsonOutput */.mI('payload', payload, this.env);
            runner/* setOutput */.uH('execution-id', payload.execution_id, this.env);
            runner/* setOutput */.uH('result', payload.result, this.env);
        }
        runner/* setOutput */.uH('delivered', String(ending.status === 'delivered'), this.env);
    }
    writeSummary(ending) {
        const payload = this.collected?.payload;
        if (!payload || this.target.url === undefined) {
            const message = ending.status === 'failed' ? ending.message : ending.line;
            runner/* appendSummary */.fe((0,early_summary/* renderEarlySummary */.Q)({
                status: 'not-made',
                message,
                instanceGuid: this.target.instanceGuid,
                ...(this.target.runUrl ? { runUrl: this.target.runUrl } : {})
            }), this.env);
            return;
        }
        const url = this.target.url;
        if (ending.status !== 'failed') {
            runner/* appendSummary */.fe(renderSummary(payload, { status: ending.status, url }, this.collected?.shipped), this.env);
            return;
        }
        const file = this.kept && 'file' in this.kept ? this.kept.file : undefined;
        const outcome = {
            status: 'failed',
            url,
            error: ending.message,
            ...(file ? { kept: { file, resend: this.resend(file) } } : {})
        };
        runner/* appendSummary */.fe(renderSummary(payload, outcome, this.collected?.shipped) +
            keptPayloadBlock(JSON.stringify(payload, null, 2), file), this.env);
    }
}

;// CONCATENATED MODULE: ./src/github/client.ts
// The few GitHub REST calls the report needs, each a short function over the request
// layer (request.ts), with errors that say what to change.


/** Earlier runs of a workflow read when looking for the previous successful run of a job. */
const RUN_HISTORY_PAGE = 20;
const OTHER_REPOSITORY = 'github-token may belong to another repository (GitHub answers 404 for what a token cannot see)';
function read(repo, path, call, schema) {
    return repo.requester.data(`${repo.prefix}${path}`, {
        schema,
        what: call.what,
        fail: (failed) => stepTokenFailure(failed, call, repo.name)
    });
}
function jobCall(jobId) {
    return {
        what: `job ${jobId}`,
        permission: 'actions',
        notFound: `the job id comes from job.check_run_id, which is not the job id on older GitHub Enterprise Server, or ${OTHER_REPOSITORY}`
    };
}
function runCall(repo, runId, what = `workflow run ${runId}`) {
    return {
        what,
        permission: 'actions',
        notFound: `when run-id is set, it must be a run of ${repo.name} (the number after /actions/runs/ in the run's URL); else ${OTHER_REPOSITORY}`
    };
}
function deploymentsCall(what, notFound = OTHER_REPOSITORY) {
    return { what, permission: 'deployments', notFound };
}
async function getJob(repo, jobId) {
    const path = `/actions/jobs/${jobId}`;
    const job = await read(repo, path, jobCall(jobId), jobSchema);
    if (job.id !== jobId) {
        throw new GitHubError(`GitHub answered GET ${repo.prefix}${path} with job ${job.id}, not job ${jobId}; the report was not made.`);
    }
    return job;
}
function listAttemptJobs(repo, runId, attempt) {
    const call = runCall(repo, runId, `jobs of run ${runId} attempt ${attempt}`);
    return allPages(repo.requester, `${repo.prefix}/actions/runs/${runId}/attempts/${attempt}/jobs`, 'jobs', {
        schema: jobSchema,
        what: call.what,
        fail: (failed) => stepTokenFailure(failed, call, repo.name)
    });
}
function getRun(repo, runId) {
    return read(repo, `/actions/runs/${runId}`, runCall(repo, runId), runSchema);
}
function getRunAttempt(repo, runId, attempt) {
    const call = runCall(repo, runId, `workflow run ${runId} attempt ${attempt}`);
    return read(repo, `/actions/runs/${runId}/attempts/${attempt}`, call, runSchema);
}
async function previousPushRun(repo, query) {
    const { workflowId, branch, before } = query;
    const filter = `branch=${encodeURIComponent(branch)}&event=push&created=${encodeURIComponent(`<${before}`)}&per_page=1`;
    const call = runCall(repo, workflowId, `runs of workflow ${workflowId}`);
    const data = await read(repo, `/actions/workflows/${workflowId}/runs?${filter}`, call, runsPageSchema);
    return data.workflow_runs?.[0];
}
function client_listDeployments(repo, sha) {
    const path = `/deployments?sha=${encodeURIComponent(sha)}&per_page=${PAGE_SIZE}`;
    return read(repo, path, deploymentsCall(`deployments of commit ${sha}`), deploymentsSchema);
}
function listDeploymentStatuses(repo, id) {
    const call = deploymentsCall(`statuses of deployment ${id}`, `deployment ${id} may have been deleted, or ${OTHER_REPOSITORY}`);
    return read(repo, `/deployments/${id}/statuses?per_page=${PAGE_SIZE}`, call, deploymentStatusesSchema);
}
function listEnvironmentDeployments(repo, environment) {
    const path = `/deployments?environment=${encodeURIComponent(environment)}&per_page=${PAGE_SIZE}`;
    const call = deploymentsCall(`deployments to environment "${environment}"`);
    return read(repo, path, call, deploymentsSchema);
}
async function listCompletedRuns(repo, workflow, before) {
    const filter = `status=completed&created=${encodeURIComponent(`<${before}`)}&per_page=${RUN_HISTORY_PAGE}`;
    const call = {
        what: `runs of workflow ${workflow}`,
        permission: 'actions',
        notFound: `the workflow ${workflow} (from GITHUB_WORKFLOW_REF) is not in ${repo.name}, or ${OTHER_REPOSITORY}`
    };
    const path = `/actions/workflows/${encodeURIComponent(String(workflow))}/runs?${filter}`;
    return (await read(repo, path, call, runsPageSchema)).workflow_runs ?? [];
}
/** Page 1 tells the total; the pages that hold the newest `limit` commits follow at once. */
async function compare(repo, { base, head, limit }) {
    const call = {
        what: `comparison ${base.slice(0, 7)}...${head.slice(0, 7)}`,
        permission: 'contents',
        notFound: `one of the commits is no longer in ${repo.name} (a force push), or ${OTHER_REPOSITORY}`
    };
    const page = async (n) => {
        const path = `/compare/${base}...${head}?per_page=${PAGE_SIZE}&page=${n}`;
        const data = await read(repo, path, call, comparisonSchema);
        return { total: data.total_commits ?? 0, shas: (data.commits ?? []).map((c) => c.sha) };
    };
    const first = await page(1);
    const last = Math.ceil(first.total / PAGE_SIZE);
    const from = Math.max(2, Math.floor(Math.max(0, first.total - limit) / PAGE_SIZE) + 1);
    const rest = await Promise.all(Array.from({ length: Math.max(0, last - from + 1) }, (_, i) => page(from + i)));
    const shas = (from === 2 ? first.shas : []).concat(...rest.map((p) => p.shas));
    return { commits: shas.slice(-limit), total: Math.max(first.total, first.shas.length) };
}
function createGitHubClient(options) {
    const requester = createRequester({ ...options, outcome: '; the report was not made' });
    const name = `${options.owner}/${options.repo}`;
    const repo = { requester, prefix: `/repos/${name}`, name };
    return {
        budget: options.budget,
        get requestCount() {
            return requester.count;
        },
        getJob: (jobId) => getJob(repo, jobId),
        listAttemptJobs: (runId, attempt) => listAttemptJobs(repo, runId, attempt),
        getRun: (runId) => getRun(repo, runId),
        previousPushRun: (query) => previousPushRun(repo, query),
        getRunAttempt: (runId, attempt) => getRunAttempt(repo, runId, attempt),
        listDeployments: (sha) => client_listDeployments(repo, sha),
        listDeploymentStatuses: (id) => listDeploymentStatuses(repo, id),
        listEnvironmentDeployments: (environment) => listEnvironmentDeployments(repo, environment),
        listCompletedRuns: (workflow, before) => listCompletedRuns(repo, workflow, before),
        compareCommits: async (base, head) => (await compare(repo, { base, head, limit: PAGE_SIZE })).commits,
        compareNewest: (query) => compare(repo, query)
    };
}

// EXTERNAL MODULE: ./src/inputs.ts + 2 modules
var src_inputs = __webpack_require__(8705);
;// CONCATENATED MODULE: ./src/sei/deliver.ts
// POST the payload to SEI's custom CI/CD endpoint, with an explained outcome.



const ACTION_NAMES = {
    key: 'the api-key secret',
    endpoint: 'sei-endpoint',
    timeout: 'timeout-seconds'
};
class DeliveryError extends errors.ExplainedError {
    kind;
    attempts;
    name = 'DeliveryError';
    constructor(message, kind, attempts) {
        super(message);
        this.kind = kind;
        this.attempts = attempts;
    }
}
function reportUrl(apiBase) {
    return `${apiBase}/v1/custom-cicd`;
}
/** What SEI said in an error answer, on one line: it names what is wrong in `payload` (400) or `message`. */
function seiMessage(response) {
    return answerMessage(response, ['payload', 'message']) || 'no message';
}
function waitText(ms) {
    return `${Math.ceil(ms / 1000)} s`;
}
function failure(response, target, url, delivery) {
    const { status } = response;
    const attempts = delivery.attempts;
    const names = target.names ?? ACTION_NAMES;
    if (status === 401 || status === 403) {
        return new DeliveryError(`SEI refused the API key (HTTP ${status}): check ${names.key}, and that ${names.endpoint} ("${target.endpointName}") is the Harness cluster the key belongs to.`, 'auth', attempts);
    }
    if (status === 400) {
        return new DeliveryError(`SEI rejected the report (HTTP 400): ${seiMessage(response)}.`, 'rejected', attempts);
    }
    if (status === 404) {
        return new DeliveryError(`SEI has no custom CI/CD endpoint at ${url} (HTTP 404): ${names.endpoint} ("${target.endpointName}") is wrong; use a cluster name or the API base URL ending in /sei/api.`, 'not-found', attempts);
    }
    if (!isRetriedStatus(response)) {
        return new DeliveryError(`SEI refused the report (HTTP ${status}): ${seiMessage(response)}.`, 'rejected', attempts);
    }
    if (delivery.refusedWaitMs !== undefined) {
        return new DeliveryError(`SEI answered HTTP ${status} and asked to wait ${waitText(delivery.refusedWaitMs)}, ${delivery.refusedBy === 'cap' ? `longer than the ${waitText(delivery.maxWaitMs ?? 0)} this action waits at most` : `longer than ${names.timeout} leaves`}: re-send the kept payload later.`, 'server', attempts);
    }
    return new DeliveryError(`SEI answered HTTP ${status} on each of ${attempts} attempt(s)${delivery.outOfTime ? ` within ${names.timeout}` : ''}: ${seiMessage(response)}.`, 'server', attempts);
}
/** A POST to SEI: its API key scheme and a JSON body. */
function seiPost(url, apiKey, body) {
    return {
        method: 'POST',
        url,
        headers: {
            authorization: `ApiKey ${apiKey}`,
            'content-type': 'application/json',
            'user-agent': 'sei-cicd-action'
        },
        body
    };
}
async function deliver(body, target, transport, budget, policy, hooks) {
    const url = reportUrl(target.apiBase);
    const delivery = await sendWithRetry({
        transport,
        request: seiPost(url, target.apiKey, body),
        budget,
        policy,
        hooks
    });
    const response = delivery.response;
    if (response && response.status >= 200 && response.status < 300) {
        return { status: response.status, attempts: delivery.attempts, url };
    }
    if (response)
        throw failure(response, target, url, delivery);
    const reason = delivery.error?.message ?? 'no answer';
    const names = target.names ?? ACTION_NAMES;
    if (delivery.error?.code === 'ETIMEDOUT') {
        throw new DeliveryError(`SEI at ${url} did not answer within ${names.timeout} (${reason}, ${delivery.attempts} attempt(s)): raise ${names.timeout}, or check that the runner can reach it.`, 'timeout', delivery.attempts);
    }
    throw new DeliveryError(`Could not reach SEI at ${url} (${reason}, ${delivery.attempts} attempt(s)): check ${names.endpoint} and the runner's network or proxy settings.`, 'network', delivery.attempts);
}

;// CONCATENATED MODULE: ./src/sei/fold.ts
/** What SEI is sent in one request at most; larger reports are folded. */
const MAX_PAYLOAD_BYTES = 5_000_000;
function payloadBytes(payload) {
    return Buffer.byteLength(JSON.stringify(payload), 'utf8');
}
function megabytes(bytes) {
    return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
function withoutSteps(payload, fold) {
    const stages = payload.job_run.stages.map((stage) => fold(stage) && stage.steps.length > 0 ? { ...stage, steps: [] } : stage);
    return { ...payload, job_run: { stages } };
}
function describeFold(original, folded) {
    let stages = 0;
    let steps = 0;
    original.job_run.stages.forEach((stage, index) => {
        const dropped = stage.steps.length - folded.job_run.stages[index].steps.length;
        if (dropped > 0) {
            stages++;
            steps += dropped;
        }
    });
    return { stages, steps };
}
/** Returns the payload unchanged when it fits in `limit` bytes, else with steps folded. */
function foldPayload(payload, limit = MAX_PAYLOAD_BYTES) {
    const bytes = payloadBytes(payload);
    if (bytes <= limit)
        return { payload, bytes };
    const levels = [
        { fold: (stage) => stage.result === 'SUCCESS', which: 'successful job(s)' },
        { fold: () => true, which: 'job(s)' }
    ];
    let folded = payload;
    let size = bytes;
    let which = '';
    for (const level of levels) {
        folded = withoutSteps(payload, level.fold);
        size = payloadBytes(folded);
        which = level.which;
        if (size <= limit)
            break;
    }
    const { stages, steps } = describeFold(payload, folded);
    const still = size > limit ? `; at ${megabytes(size)} it is still too large and may be refused` : '';
    return {
        payload: folded,
        bytes: size,
        notice: `The report was ${megabytes(bytes)}, more than SEI takes in one request (${megabytes(limit)}): the step lists of ${stages} ${which} (${steps} step(s)) were left out, every job is still reported${still}.`
    };
}

;// CONCATENATED MODULE: ./src/report-step.ts
// Making and sending a report, from the inputs to the one ending of the step: run by
// the post step for a job, and by the main step for a run that is final when it runs
// (so that its outputs reach the workflow). It never fails the job unless fail-on-error
// is true, and ends the same way on the deadline and on the runner's signals.














/** Grace beyond timeout-seconds before the step stops itself, whatever is pending. */
const DEADLINE_GRACE_MS = 5000;
/**
 * What a cancelled step keeps for delivery after SIGINT: the runner sends SIGTERM
 * 7.5 s after it, and kills the process 2.5 s later.
 */
const CANCEL_GRACE_MS = 6000;
function logPayload(collected) {
    runner/* startGroup */.Oh(`SEI payload (${collected.payload.job_run.stages.length} stage(s))`);
    runner/* info */.pq(JSON.stringify(collected.payload, null, 2));
    runner/* endGroup */.N4();
}
async function report(inputs, env, transport, budget, end) {
    const read = readContext(env);
    const context = { ...read, event: (0,secrets/* maskValues */.Z$)(read.event) };
    const client = createGitHubClient({
        apiUrl: context.apiUrl,
        token: inputs.githubToken,
        owner: context.owner,
        repo: context.repo,
        transport,
        budget,
        hooks: retryLog('GitHub API', runner/* info */.pq)
    });
    const built = await collectReport(inputs, context, client, realClock);
    for (const line of built.notices)
        runner/* notice */.lm(line);
    const folded = foldPayload(built.payload);
    if (folded.notice)
        runner/* notice */.lm(folded.notice);
    const collected = { ...built, payload: (0,secrets/* maskValues */.Z$)(folded.payload) };
    logPayload(collected);
    end.built(collected);
    const url = reportUrl(inputs.seiApiBase);
    if (inputs.dryRun) {
        return {
            status: 'dry-run',
            line: `Dry run: the report was built and validated, and not sent to ${url}.`
        };
    }
    const target = {
        apiBase: inputs.seiApiBase,
        apiKey: inputs.apiKey,
        endpointName: end.target.endpoint
    };
    try {
        const delivered = await deliver(JSON.stringify(collected.payload), target, transport, budget, undefined, retryLog('SEI', runner/* info */.pq));
        return {
            status: 'delivered',
            line: `Reported ${collected.payload.job_full_name} #${collected.payload.build_number} to SEI: HTTP ${delivered.status} after ${delivered.attempts} attempt(s).`
        };
    }
    catch (cause) {
        return { status: 'failed', message: (0,errors.explain)(cause) };
    }
}
/**
 * Ends the step on the deadline and on the runner's signals. SIGINT (cancellation)
 * keeps the report at once and leaves CANCEL_GRACE_MS to deliver it; SIGTERM ends
 * the step at once. Returns the function that stops watching.
 */
function watchEnds(end, budget, timeoutSeconds) {
    let timer;
    let stopAt = Infinity;
    const stopBy = (at, message) => {
        if (at >= stopAt)
            return;
        stopAt = at;
        clearTimeout(timer);
        timer = setTimeout(() => abandon(message), Math.max(0, at - Date.now()));
    };
    const abandon = (message) => {
        end.finish({ status: 'failed', message });
        process.exit();
    };
    const onInterrupt = () => {
        end.keepNow();
        budget.limit(CANCEL_GRACE_MS);
        stopBy(Date.now() + CANCEL_GRACE_MS, `The job was cancelled, and the report could not be delivered within the ${CANCEL_GRACE_MS / 1000} s a cancelled step has.`);
    };
    const onTerminate = () => abandon('The job was cancelled (SIGTERM) before the report was delivered.');
    stopBy(Date.now() + timeoutSeconds * 1000 + DEADLINE_GRACE_MS, `The report did not finish within timeout-seconds (${timeoutSeconds} s) and was abandoned.`);
    timer?.unref();
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onTerminate);
    return () => {
        clearTimeout(timer);
        process.off('SIGINT', onInterrupt);
        process.off('SIGTERM', onTerminate);
    };
}
async function runReport(env = process.env) {
    for (const secret of proxySecrets(env))
        runner/* setSecret */.Pq(secret);
    const end = new StepEnd(env, {
        endpoint: runner/* getInput */.V4('sei-endpoint', env) || defaults/* DEFAULT_SEI_ENDPOINT */.Qg,
        instanceGuid: runner/* getInput */.V4('instance-guid', env),
        failOnError: (0,src_inputs/* failOnErrorAsked */.Qc)(env),
        ...((0,early_summary/* runUrlOf */.x)(env) ? { runUrl: (0,early_summary/* runUrlOf */.x)(env) } : {})
    });
    let inputs;
    try {
        inputs = (0,src_inputs/* readInputs */.Ko)(env);
    }
    catch (cause) {
        end.finish({ status: 'failed', message: (0,errors.explain)(cause) });
        return;
    }
    end.target.url = reportUrl(inputs.seiApiBase);
    const reported = (0,early_summary/* runUrlOf */.x)(env, inputs.runId);
    if (reported)
        end.target.runUrl = reported;
    const budget = new Budget(inputs.timeoutSeconds * 1000);
    const stopWatching = watchEnds(end, budget, inputs.timeoutSeconds);
    let transport;
    try {
        transport = await createTransport(env);
        end.finish(await report(inputs, env, transport, budget, end));
    }
    catch (cause) {
        end.finish({ status: 'failed', message: (0,errors.explain)(cause) });
    }
    finally {
        stopWatching();
        await transport?.close();
    }
}


/***/ })

};
;
//# sourceMappingURL=209.index.cjs.js.map