"use strict";
exports.id = 555;
exports.ids = [555];
exports.modules = {

/***/ 7437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cZ: () => (/* binding */ resolveApiBase)
/* harmony export */ });
/* unused harmony exports CLUSTERS, CLUSTER_NAMES */
// Where SEI lives: the API base of each Harness cluster, or a self-managed URL.
const CLUSTERS = {
    prod0: 'https://accounts.harness.io/sei/api',
    prod1: 'https://app.harness.io/prod1/sei/api',
    prod2: 'https://app.harness.io/gratis/sei/api',
    prod3: 'https://app3.harness.io/sei/api',
    prod4: 'https://prod4.harness.io/sei/api',
    prod6: 'https://prod6.harness.io/sei/api',
    eu1: 'https://accounts.eu.harness.io/sei/api'
};
const CLUSTER_NAMES = Object.keys(CLUSTERS);
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
/**
 * Resolves a cluster name or URL to an API base without a trailing slash.
 * Returns an error message (naming `what`) instead of throwing.
 */
function resolveApiBase(value, what) {
    const named = CLUSTERS[value.toLowerCase()];
    if (named)
        return { base: named };
    const hint = `use a cluster name (${CLUSTER_NAMES.join(', ')}) or the https:// URL of your SEI API base`;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        return { error: `${what} "${value}" is not a known Harness cluster: ${hint}.` };
    }
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return { error: `${what} "${value}" is not a valid URL: ${hint}.` };
    }
    if (url.username || url.password) {
        return { error: `${what} must not carry credentials in the URL: pass the key as api-key.` };
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        return {
            error: `${what} "${url.origin}" uses plain http, which would send the API key unencrypted: use https:// (http is allowed only to localhost).`
        };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return { error: `${what} "${value}" uses ${url.protocol.slice(0, -1)}, not https: ${hint}.` };
    }
    const path = url.pathname.replace(/\/+$/, '').replace(/\/v1\/custom-cicd$/, '');
    return { base: `${url.origin}${path}` };
}


/***/ }),

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $v: () => (/* binding */ isGitHubRetried),
/* harmony export */   Jz: () => (/* binding */ isRateLimited),
/* harmony export */   Mq: () => (/* binding */ isRetriedStatus),
/* harmony export */   __: () => (/* binding */ Budget),
/* harmony export */   dQ: () => (/* binding */ realClock),
/* harmony export */   lx: () => (/* binding */ sendWithRetry)
/* harmony export */ });
/* unused harmony exports DEFAULT_POLICY, requestedWait */
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1517);
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
function reasonOf(outcome) {
    return outcome.response ? `HTTP ${outcome.response.status}` : (outcome.error?.message ?? 'error');
}
async function sendWithRetry(transport, request, budget, policy = DEFAULT_POLICY, hooks = {}, retryOn = isRetriedStatus) {
    const clock = budget.clock;
    let outcome = {
        error: new _transport_js__WEBPACK_IMPORTED_MODULE_0__/* .TransportError */ .wX('time budget used up', 'ETIMEDOUT')
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
                error: cause instanceof _transport_js__WEBPACK_IMPORTED_MODULE_0__/* .TransportError */ .wX ? cause : new _transport_js__WEBPACK_IMPORTED_MODULE_0__/* .TransportError */ .wX(String(cause), 'ERR_NETWORK')
            };
        }
        const retry = outcome.error !== undefined || retryOn(outcome.response);
        if (!retry)
            return { ...outcome, attempts: attempt, outOfTime: false };
        if (attempt >= policy.maxAttempts)
            return { ...outcome, attempts: attempt, outOfTime: false };
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const jitter = Math.round(clock.random() * ceiling);
        const asked = outcome.response ? requestedWait(outcome.response, clock.now()) : undefined;
        const waitMs = asked !== undefined ? asked : jitter;
        if (waitMs > policy.maxRetryAfterMs || waitMs >= budget.remaining()) {
            const refused = asked !== undefined ? { refusedWaitMs: asked } : {};
            return { ...outcome, attempts: attempt, outOfTime: true, ...refused };
        }
        hooks.onRetry?.(reasonOf(outcome), attempt, waitMs);
        await clock.sleep(waitMs);
    }
}


/***/ }),

/***/ 1517:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wm: () => (/* binding */ proxySecrets),
/* harmony export */   oO: () => (/* binding */ createTransport),
/* harmony export */   wX: () => (/* binding */ TransportError)
/* harmony export */ });
/* unused harmony export proxyConfigured */
/** A request that got no answer: refused, reset, timed out, DNS… */
class TransportError extends Error {
    code;
    name = 'TransportError';
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
function proxyConfigured(env) {
    return PROXY_VARS.some((name) => (env[name] ?? '') !== '');
}
/** Passwords in proxy URLs (http://user:password@proxy), to be masked like the key. */
function proxySecrets(env) {
    const secrets = [];
    for (const name of PROXY_VARS) {
        try {
            const password = new URL(env[name] ?? '').password;
            if (password)
                secrets.push(password, decodeURIComponent(password));
        }
        catch {
            // not a URL: undici will say so
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
function describe(cause) {
    if (cause instanceof TransportError)
        return cause;
    const error = cause;
    const code = error.code ?? 'ERR_NETWORK';
    return new TransportError(`${code}${error.message ? `: ${error.message}` : ''}`, code);
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
                    res.on('error', (cause) => reject(describe(cause)));
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
                    reject(describe(cause));
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
                const headers = {};
                for (const [name, value] of Object.entries(res.headers)) {
                    if (value !== undefined)
                        headers[name] = Array.isArray(value) ? value.join(', ') : value;
                }
                return { status: res.statusCode, headers, body: await res.body.text() };
            }
            catch (cause) {
                const error = cause;
                if (error.name === 'TimeoutError' || error.name === 'AbortError') {
                    throw new TransportError(`no answer within ${Math.round(request.timeoutMs / 1000)} s`, 'ETIMEDOUT');
                }
                throw describe(error.cause ?? error);
            }
        },
        async close() {
            await dispatcher.destroy();
        }
    };
}
async function createTransport(env = process.env) {
    return proxyConfigured(env) ? proxyTransport() : directTransport();
}


/***/ }),

/***/ 4923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dz: () => (/* binding */ InputError),
  ZZ: () => (/* binding */ parseTimeout),
  Ko: () => (/* binding */ readInputs)
});

// UNUSED EXPORTS: MAX_TIMEOUT_SECONDS, keyMissing, parseArtifacts, parseBoolean, parseGuid, parseMatrix, parseParams, parseThemes

// EXTERNAL MODULE: ./src/endpoints.ts
var endpoints = __webpack_require__(7437);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/runner.ts
// The Actions runner's file and workflow-command protocol: inputs, masks, state,
// outputs, summary and log. It replaces @actions/core on the hot path, whose
// import alone triples the start-up time of a step (see docs/benchmarks.md).


const secrets = new Set();
/** Replaces every registered secret in `text` with `***`. */
function redact(text) {
    let out = text;
    for (const secret of secrets)
        out = out.split(secret).join('***');
    return out;
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function writeLine(line) {
    const data = line + EOL;
    try {
        writeSync(1, data);
    }
    catch {
        process.stdout.write(data);
    }
}
function command(name, message, properties = '') {
    writeLine(`::${name}${properties}::${escapeData(redact(message))}`);
}
function runner_getInput(name, env = process.env) {
    const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
    return (env[key] ?? '').trim();
}
function setSecret(value) {
    if (value === '' || secrets.has(value))
        return;
    secrets.add(value);
    writeLine(`::add-mask::${escapeData(value)}`);
}
function info(message) {
    writeLine(redact(message));
}
function debug(message) {
    command('debug', message);
}
function notice(message) {
    command('notice', message);
}
function warning(message, title) {
    command('warning', message, title ? ` title=${escapeProperty(title)}` : '');
}
function error(message) {
    command('error', message);
}
function startGroup(title) {
    writeLine(`::group::${escapeData(redact(title))}`);
}
function endGroup() {
    writeLine('::endgroup::');
}
function delimiter() {
    return `ghadelimiter_${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}
/** Appends `name=value` in the runner's heredoc form to the file named by `fileVar`. */
function appendKeyValue(fileVar, name, value, env) {
    const file = env[fileVar];
    if (!file)
        return false;
    let marker = delimiter();
    while (value.includes(marker) || name.includes(marker))
        marker = delimiter();
    appendFileSync(file, `${name}<<${marker}${EOL}${value}${EOL}${marker}${EOL}`, 'utf8');
    return true;
}
function saveState(name, value, env = process.env) {
    if (!appendKeyValue('GITHUB_STATE', name, value, env)) {
        writeLine(`::save-state name=${escapeProperty(name)}::${escapeData(value)}`);
    }
}
function getState(name, env = process.env) {
    return env[`STATE_${name}`] ?? '';
}
function setOutput(name, value, env = process.env) {
    const safe = redact(value);
    if (!appendKeyValue('GITHUB_OUTPUT', name, safe, env)) {
        writeLine(`::set-output name=${escapeProperty(name)}::${escapeData(safe)}`);
    }
}
/** Appends Markdown to the job summary; returns false when the runner gave no summary file. */
function appendSummary(markdown, env = process.env) {
    const file = env.GITHUB_STEP_SUMMARY;
    if (!file)
        return false;
    appendFileSync(file, redact(markdown) + EOL, 'utf8');
    return true;
}
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}

;// CONCATENATED MODULE: ./src/inputs.ts
// Every input of action.yml, read and checked in one place. The checks are plain
// functions rather than a zod schema so that the main step stays as cheap as a
// bare `node` start (zod alone costs more than the whole main step budget).


class InputError extends Error {
    name = 'InputError';
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];
const MAX_TIMEOUT_SECONDS = 600;
function fail(message) {
    throw new InputError(message);
}
function parseBoolean(name, raw, fallback) {
    if (raw === '')
        return fallback;
    if (TRUE_WORDS.includes(raw))
        return true;
    if (FALSE_WORDS.includes(raw))
        return false;
    return fail(`Input "${name}" is "${raw}": use true or false.`);
}
function parseOptionalBoolean(name, raw) {
    return raw === '' ? undefined : parseBoolean(name, raw, false);
}
function parseGuid(raw) {
    if (raw === '') {
        return fail('Input "instance-guid" is empty: set it to your SEI CI/CD instance GUID (for example `${{ vars.SEI_INSTANCE_GUID }}`).');
    }
    if (!GUID.test(raw)) {
        return fail(`Input "instance-guid" is "${raw}", which is not a GUID: use the 36-character id SEI gave the CI/CD instance (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
    }
    return raw.toLowerCase();
}
function parseTimeout(raw) {
    if (raw === '')
        return 60;
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value) || value <= 0) {
        return fail(`Input "timeout-seconds" is "${raw}": use a whole number of seconds above 0.`);
    }
    if (value > MAX_TIMEOUT_SECONDS) {
        return fail(`Input "timeout-seconds" is ${raw}: use at most ${MAX_TIMEOUT_SECONDS} seconds, so a report never holds a runner for long.`);
    }
    return value;
}
function parseChoice(name, raw, choices) {
    const value = raw === '' ? choices[0] : raw.toLowerCase();
    if (choices.includes(value))
        return value;
    return fail(`Input "${name}" is "${raw}": use one of ${choices.join(', ')}.`);
}
function parseId(name, raw, hint) {
    if (raw === '')
        return undefined;
    if (!/^\d{1,16}$/.test(raw) || Number(raw) === 0) {
        return fail(`Input "${name}" is "${raw}": ${hint}`);
    }
    return Number(raw);
}
/** Splits a multi-line input into trimmed, non-empty lines that are not comments. */
function lines(raw) {
    return raw
        .split(/\r?\n/)
        .map((line, index) => ({ text: line.trim(), number: index + 1 }))
        .filter((line) => line.text !== '' && !line.text.startsWith('#'));
}
const ARTIFACT_KEYS = ['type', 'name', 'location', 'qualifier', 'hash'];
function artifactFromLine({ text, number }) {
    const where = `Input "artifacts", line ${number} ("${text}")`;
    const fields = {};
    for (const part of text.split(',')) {
        const eq = part.indexOf('=');
        if (eq <= 0) {
            return fail(`${where}: "${part.trim()}" is not key=value; write the artifact as type=container,name=...,location=...,qualifier=... (one per line).`);
        }
        const key = part.slice(0, eq).trim().toLowerCase();
        if (!ARTIFACT_KEYS.includes(key)) {
            return fail(`${where}: unknown key "${key}"; use ${ARTIFACT_KEYS.join(', ')}.`);
        }
        if (key in fields)
            return fail(`${where}: "${key}" is given twice.`);
        fields[key] = part.slice(eq + 1).trim();
    }
    return checkArtifact(fields, where);
}
function checkArtifact(fields, where) {
    for (const key of ['type', 'name']) {
        if (typeof fields[key] !== 'string' || fields[key] === '') {
            return fail(`${where}: "${key}" is missing; every artifact needs a type and a name.`);
        }
    }
    const artifact = { type: String(fields.type), name: String(fields.name) };
    for (const key of ['location', 'qualifier', 'hash']) {
        const value = fields[key];
        if (value === undefined || value === null || value === '')
            continue;
        if (typeof value !== 'string')
            return fail(`${where}: "${key}" must be a string.`);
        artifact[key] = value;
    }
    const metadata = fields.metadata;
    if (metadata !== undefined && metadata !== null) {
        if (typeof metadata !== 'object' || Array.isArray(metadata)) {
            return fail(`${where}: "metadata" must be an object.`);
        }
        artifact.metadata = metadata;
    }
    return artifact;
}
function parseArtifacts(raw) {
    if (raw === '')
        return [];
    if (raw.startsWith('[') || raw.startsWith('{')) {
        let parsed;
        try {
            parsed = JSON.parse(raw);
        }
        catch {
            return fail('Input "artifacts" starts like JSON but is not valid JSON: give a JSON array of artifact objects, or one type=...,name=... line per artifact.');
        }
        if (!Array.isArray(parsed)) {
            return fail('Input "artifacts" is JSON but not an array: wrap the artifact objects in [ ].');
        }
        return parsed.map((item, index) => {
            const where = `Input "artifacts", item ${index + 1}`;
            if (typeof item !== 'object' || item === null || Array.isArray(item)) {
                return fail(`${where} is not an object with type, name, location and qualifier.`);
            }
            return checkArtifact(item, where);
        });
    }
    return lines(raw).map(artifactFromLine);
}
function parseParams(raw) {
    return lines(raw).map(({ text, number }) => {
        const eq = text.indexOf('=');
        if (eq <= 0) {
            return fail(`Input "params", line ${number} ("${text}") is not name=value: write one name=value per line.`);
        }
        return { name: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() };
    });
}
function parseThemes(raw) {
    const themes = raw
        .split(/[,\n]/)
        .map((theme) => theme.trim())
        .filter((theme) => theme !== '');
    return [...new Set(themes)];
}
function parseMatrix(raw) {
    if (raw === '' || raw === 'null')
        return undefined;
    try {
        const parsed = JSON.parse(raw);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
            return parsed;
        }
    }
    catch {
        // A matrix the runner could not serialise is not worth failing a report over.
    }
    return undefined;
}
/** Reads and checks every input; throws InputError with a one-line message. */
function readInputs(env = process.env) {
    const input = (name) => runner_getInput(name, env);
    const dryRun = parseBoolean('dry-run', input('dry-run'), false);
    const endpoint = (0,endpoints/* resolveApiBase */.cZ)(input('sei-endpoint') || 'prod2', 'Input "sei-endpoint"');
    if ('error' in endpoint)
        fail(endpoint.error);
    return {
        instanceGuid: parseGuid(input('instance-guid')),
        apiKey: input('api-key'),
        seiApiBase: endpoint.base,
        instanceName: input('instance-name') || 'GitHub Actions',
        githubToken: input('github-token'),
        dryRun,
        failOnError: parseBoolean('fail-on-error', input('fail-on-error'), false),
        timeoutSeconds: parseTimeout(input('timeout-seconds')),
        scope: parseChoice('scope', input('scope'), ['job', 'workflow']),
        runId: parseId('run-id', input('run-id'), 'use the numeric id of a workflow run of this repository (the number after /actions/runs/ in its URL).'),
        cd: parseChoice('cd', input('cd'), ['auto', 'true', 'false']),
        artifacts: parseArtifacts(input('artifacts')),
        params: parseParams(input('params')),
        projectName: input('project-name'),
        moduleName: input('module-name'),
        themes: parseThemes(input('themes')),
        cfrStatus: parseOptionalBoolean('cfr-status', input('cfr-status')),
        jobStatus: input('job-status').toLowerCase(),
        jobCheckRunId: parseId('job-check-run-id', input('job-check-run-id'), 'leave this hidden input unset; the runner fills it.'),
        matrix: parseMatrix(input('matrix'))
    };
}
/**
 * True when the report would be sent but there is no key to send it with (pull
 * requests from forks get no secrets). Checked before anything else, so that such
 * a run is quiet even where other inputs come from secrets too.
 */
function keyMissing(env = process.env) {
    return getInput('api-key', env) === '' && !TRUE_WORDS.includes(getInput('dry-run', env));
}


/***/ }),

/***/ 6348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MP: () => (/* binding */ MAX_COMMITS),
/* harmony export */   Wt: () => (/* binding */ payloadSchema),
/* harmony export */   o1: () => (/* binding */ MAX_DESCRIPTION),
/* harmony export */   rq: () => (/* binding */ validatePayload),
/* harmony export */   tG: () => (/* binding */ PayloadError)
/* harmony export */ });
/* unused harmony exports RESULTS, stepSchema, stageSchema, artifactSchema, triggerSchema, paramSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4377);
// The SEI custom CI/CD payload as the server accepts it (docs: the wire-format page).

const RESULTS = ['SUCCESS', 'FAILURE', 'ABORTED', 'UNSTABLE', 'NOT_BUILT'];
const MAX_DESCRIPTION = 200;
const MAX_COMMITS = 100;
const result = zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(RESULTS);
const text = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1);
const millis = zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative();
const isoTime = zod__WEBPACK_IMPORTED_MODULE_1__/* .datetime */ .w$({ offset: true });
const stepSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    id: text,
    displayName: text,
    displayDescription: text.max(MAX_DESCRIPTION),
    result,
    state: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().max(30),
    durationInMillis: millis,
    startTime: isoTime.optional()
});
function uniqueIds(items) {
    return new Set(items.map((item) => item.id)).size === items.length;
}
const stageSchema = stepSchema.extend({
    steps: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(stepSchema).refine(uniqueIds, 'step ids must be unique within a stage')
});
const artifactSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    input: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    output: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    type: text,
    name: text,
    location: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    qualifier: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    hash: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    metadata: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()).optional()
});
const triggerSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    id: text,
    type: text,
    job_run_number: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative().optional(),
    direct_parents: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()).optional()
});
const paramSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('StringParameterValue'),
    name: text,
    value: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
});
const payloadSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    pipeline: text,
    job_full_name: text,
    qualified_name: text,
    instance_guid: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
        .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
    instance_name: text,
    instance_url: zod__WEBPACK_IMPORTED_MODULE_0__/* .url */ .OZ5(),
    result,
    start_time: millis,
    duration: millis,
    build_number: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive(),
    execution_id: text,
    user_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    repo_url: zod__WEBPACK_IMPORTED_MODULE_0__/* .url */ .OZ5(),
    branch_name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    scm_commit_ids: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().regex(/^([0-9a-f]{40}|[0-9a-f]{64})$/)).max(MAX_COMMITS),
    trigger_chain: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(triggerSchema),
    job_run_params: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(paramSchema),
    ci: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    cd: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    artifacts: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(artifactSchema),
    job_run: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        stages: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(stageSchema).refine(uniqueIds, 'stage ids must be unique within a run')
    }),
    project_name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    module_name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    cfr_status: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
    themes: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).optional()
})
    .refine((payload) => payload.ci !== payload.cd, 'exactly one of ci and cd must be true');
class PayloadError extends Error {
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


/***/ })

};
;
//# sourceMappingURL=555.index.cjs.js.map