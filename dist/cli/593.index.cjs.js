"use strict";
exports.id = 593;
exports.ids = [593];
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

/***/ 7593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HELP: () => (/* binding */ HELP),
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: ./src/endpoints.ts
var endpoints = __webpack_require__(7437);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/http/transport.ts
var http_transport = __webpack_require__(1517);
// EXTERNAL MODULE: ./src/sei/deliver.ts
var deliver = __webpack_require__(230);
;// CONCATENATED MODULE: ./src/sei/instances.ts
// Creating a CI/CD instance in SEI: the GUID every report names.


class InstanceError extends Error {
    name = 'InstanceError';
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function instancesUrl(apiBase) {
    return `${apiBase}/v1/cicd/instances`;
}
function idOf(body) {
    try {
        const parsed = JSON.parse(body);
        return typeof parsed.id === 'string' && UUID.test(parsed.id)
            ? parsed.id.toLowerCase()
            : undefined;
    }
    catch {
        return undefined;
    }
}
async function createInstance(instance, target, transport, budget, policy, hooks) {
    const url = instancesUrl(target.apiBase);
    const delivery = await (0,retry/* sendWithRetry */.lx)(transport, {
        method: 'POST',
        url,
        headers: {
            authorization: `ApiKey ${target.apiKey}`,
            'content-type': 'application/json',
            'user-agent': 'sei-cicd-action'
        },
        body: JSON.stringify({
            integration_id: instance.integrationId,
            name: instance.name,
            type: instance.type
        })
    }, budget, policy, hooks);
    const response = delivery.response;
    if (!response) {
        throw new InstanceError(`Could not reach SEI at ${url} (${delivery.error?.message ?? 'no answer'}) in ${delivery.attempts} attempt(s): check --sei-endpoint and your network or proxy settings.`);
    }
    const status = response.status;
    if (status >= 200 && status < 300) {
        const id = idOf(response.body);
        if (id)
            return id;
        throw new InstanceError(`SEI answered HTTP ${status} without an instance id (${(0,deliver/* seiMessage */.nA)(response)}): the instance may or may not exist; look for "${instance.name}" in SEI before trying again.`);
    }
    if (status === 401 || status === 403) {
        throw new InstanceError(`SEI refused the API key (HTTP ${status}): check ${target.keySource}, and that --sei-endpoint ("${target.endpointName}") is the Harness cluster the key belongs to.`);
    }
    if (status === 404) {
        throw new InstanceError(`SEI has no CI/CD instances endpoint at ${url} (HTTP 404): --sei-endpoint ("${target.endpointName}") is wrong; use a cluster name or the API base URL ending in /sei/api.`);
    }
    if (status === 400) {
        throw new InstanceError(`SEI rejected the new instance (HTTP 400): ${(0,deliver/* seiMessage */.nA)(response)}; check --integration-id ("${instance.integrationId}").`);
    }
    throw new InstanceError(`SEI answered HTTP ${status} after ${delivery.attempts} attempt(s): ${(0,deliver/* seiMessage */.nA)(response)}.`);
}

// EXTERNAL MODULE: ./src/cli/options.ts
var options = __webpack_require__(776);
;// CONCATENATED MODULE: ./src/cli/paste.ts
// The workflow lines the CLI prints for pasting.
/** The action as a workflow names it (the repository of package.json, major tag). */
const ACTION_REF = 'sei-cicd-action/sei-cicd-action@v1';
const DEFAULT_INSTANCE_NAME = 'GitHub Actions';
function stepLines(guid, endpoint, instanceName) {
    const lines = [
        `      - uses: ${ACTION_REF}`,
        '        with:',
        `          instance-guid: ${guid}`,
        '          api-key: ${{ secrets.SEI_API_KEY }}',
        `          sei-endpoint: ${endpoint}`
    ];
    if (instanceName !== DEFAULT_INSTANCE_NAME)
        lines.push(`          instance-name: ${yamlScalar(instanceName)}`);
    return lines;
}
/** A YAML plain scalar when that reads back as the same string, else a quoted one. */
function yamlScalar(text) {
    const plain = /^[A-Za-z0-9][\w .()/-]*$/.test(text) && !/\s$/.test(text);
    return plain ? text : JSON.stringify(text);
}

;// CONCATENATED MODULE: ./src/cli/register.ts
// `sei-cicd-action register`: creates the SEI CI/CD instance that reports name, and
// prints its GUID with the lines to paste into a workflow.






const DEFAULT_TYPE = 'jenkins';
const DEFAULT_KEY_ENV = 'SEI_API_KEY';
const HELP = `Usage: sei-cicd-action register --integration-id ID [options]

Creates a CI/CD instance in Harness SEI (POST <api base>/v1/cicd/instances) and prints
its GUID and the lines to paste into a workflow. The API key is read from the
environment variable SEI_API_KEY.

Options:
  --integration-id ID     The id of the custom CI/CD integration in SEI (required).
  --name NAME             The instance name shown in SEI (default "${DEFAULT_INSTANCE_NAME}"). Reports
                          overwrite it with their instance-name input, so use the same.
  --type TYPE             The instance type (default "${DEFAULT_TYPE}": SEI reads custom CI/CD
                          reports as Jenkins-style runs).
  --sei-endpoint NAME     A Harness cluster (prod0, prod1, prod2, prod3, prod4, prod6,
                          eu1) or the https:// URL of a self-managed SEI API base
                          (default prod2).
  --api-key-env NAME      Read the API key from this environment variable instead of
                          ${DEFAULT_KEY_ENV}.
  --api-key KEY           The API key itself. It lands in your shell history: prefer
                          the environment variable.
  --timeout-seconds N     Time for the request, retries included (default 30).
  --quiet                 Print only the GUID.
  -h, --help              Show this help.

Exit codes: 0 created, 1 SEI refused or could not be reached, 2 wrong command line.

Example:
  SEI_API_KEY=... npx sei-cicd-action register --integration-id 4711 --sei-endpoint eu1`;
const OPTIONS = {
    'integration-id': { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string' },
    'sei-endpoint': { type: 'string' },
    'api-key-env': { type: 'string' },
    'api-key': { type: 'string' },
    'timeout-seconds': { type: 'string' },
    quiet: { type: 'boolean' }
};
function apiKey(values, env) {
    const given = (0,options/* stringOption */.Pp)(values, 'api-key');
    if (given !== undefined) {
        (0,options/* err */._q)(`Warning: --api-key leaves the key in your shell history; prefer ${DEFAULT_KEY_ENV}=... in the environment.`);
        if (given === '')
            throw new options/* UsageError */.eb('--api-key is empty.');
        return { key: given, source: 'the --api-key value' };
    }
    const name = (0,options/* stringOption */.Pp)(values, 'api-key-env') || DEFAULT_KEY_ENV;
    const key = (env[name] ?? '').trim();
    if (key === '') {
        throw new options/* UsageError */.eb(`No API key: the environment variable ${name} is empty. Set it to a Harness SEI API key (or name another variable with --api-key-env).`);
    }
    return { key, source: `the key in ${name}` };
}
async function register(args, env) {
    const values = (0,options/* parseOptions */.Ac)(args, OPTIONS);
    if (values.help) {
        (0,options/* out */.FD)(HELP);
        return options/* EXIT_OK */.Ij;
    }
    const integrationId = (0,options/* requireOption */.Ve)(values, 'integration-id');
    const name = (0,options/* stringOption */.Pp)(values, 'name') || DEFAULT_INSTANCE_NAME;
    const type = (0,options/* stringOption */.Pp)(values, 'type') || DEFAULT_TYPE;
    const endpointName = (0,options/* stringOption */.Pp)(values, 'sei-endpoint') || 'prod2';
    const endpoint = (0,endpoints/* resolveApiBase */.cZ)(endpointName, '--sei-endpoint');
    if ('error' in endpoint)
        throw new options/* UsageError */.eb(endpoint.error);
    const timeoutSeconds = (0,options/* timeoutOption */.D5)(values, 30);
    const { key, source } = apiKey(values, env);
    const transport = await (0,http_transport/* createTransport */.oO)(env);
    try {
        const guid = await createInstance({ integrationId, name, type }, { apiBase: endpoint.base, apiKey: key, endpointName, keySource: source }, transport, new retry/* Budget */.__(timeoutSeconds * 1000), undefined, {
            onRetry: (reason, attempt, waitMs) => (0,options/* err */._q)(`SEI: ${reason} on attempt ${attempt}; retrying in ${(waitMs / 1000).toFixed(1)} s.`)
        });
        if (values.quiet) {
            (0,options/* out */.FD)(guid);
            return options/* EXIT_OK */.Ij;
        }
        (0,options/* out */.FD)([
            `Created the SEI CI/CD instance "${name}" for integration ${integrationId} on ${endpointName}.`,
            '',
            `Instance GUID: ${guid}`,
            '',
            'Put this step first in each job to report (store the API key as the secret SEI_API_KEY):',
            '',
            ...stepLines(guid, endpointName, name),
            '',
            `To share the GUID across repositories, store it as a variable (gh variable set SEI_INSTANCE_GUID --org ORG --body ${guid})`,
            'and write instance-guid: ${{ vars.SEI_INSTANCE_GUID }} instead.'
        ].join('\n'));
        return options/* EXIT_OK */.Ij;
    }
    finally {
        await transport.close();
    }
}
const command = {
    summary: 'create an SEI CI/CD instance and print its GUID and the workflow lines to paste',
    run: (args, env) => (0,options/* runCommand */.d1)(HELP, () => register(args, env), [InstanceError])
};


/***/ }),

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

/***/ 230:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VE: () => (/* binding */ DeliveryError),
/* harmony export */   cK: () => (/* binding */ deliver),
/* harmony export */   nA: () => (/* binding */ seiMessage)
/* harmony export */ });
/* unused harmony export reportUrl */
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8902);
// POST the payload to SEI's custom CI/CD endpoint, with an explained outcome.

const ACTION_NAMES = { key: 'the api-key secret', endpoint: 'sei-endpoint' };
class DeliveryError extends Error {
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
/** What SEI said in an error answer, on one line. */
function seiMessage(response) {
    try {
        const body = JSON.parse(response.body);
        for (const value of [body.payload, body.message]) {
            if (typeof value === 'string' && value)
                return value;
        }
    }
    catch {
        // not JSON
    }
    return response.body.slice(0, 200).replace(/\s+/g, ' ').trim() || 'no message';
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
    if (!(0,_http_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isRetriedStatus */ .Mq)(response)) {
        return new DeliveryError(`SEI refused the report (HTTP ${status}): ${seiMessage(response)}.`, 'rejected', attempts);
    }
    if (delivery.refusedWaitMs !== undefined) {
        return new DeliveryError(`SEI answered HTTP ${status} and asked to wait ${waitText(delivery.refusedWaitMs)}, longer than timeout-seconds leaves: re-send the kept payload later.`, 'server', attempts);
    }
    return new DeliveryError(`SEI answered HTTP ${status} on each of ${attempts} attempt(s)${delivery.outOfTime ? ' within timeout-seconds' : ''}: ${seiMessage(response)}.`, 'server', attempts);
}
async function deliver(body, target, transport, budget, policy, hooks) {
    const url = reportUrl(target.apiBase);
    const delivery = await (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .sendWithRetry */ .lx)(transport, {
        method: 'POST',
        url,
        headers: {
            authorization: `ApiKey ${target.apiKey}`,
            'content-type': 'application/json',
            'user-agent': 'sei-cicd-action'
        },
        body
    }, budget, policy, hooks);
    const response = delivery.response;
    if (response && response.status >= 200 && response.status < 300) {
        return { status: response.status, attempts: delivery.attempts, url };
    }
    if (response)
        throw failure(response, target, url, delivery);
    const reason = delivery.error?.message ?? 'no answer';
    if (delivery.outOfTime || delivery.error?.code === 'ETIMEDOUT') {
        throw new DeliveryError(`SEI at ${url} did not answer within timeout-seconds (${reason}, ${delivery.attempts} attempt(s)): raise timeout-seconds, or check that the runner can reach it.`, 'timeout', delivery.attempts);
    }
    throw new DeliveryError(`Could not reach SEI at ${url} (${reason}, ${delivery.attempts} attempt(s)): check sei-endpoint and the runner's network or proxy settings.`, 'network', delivery.attempts);
}


/***/ })

};
;
//# sourceMappingURL=593.index.cjs.js.map