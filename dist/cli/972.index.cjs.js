"use strict";
exports.id = 972;
exports.ids = [972];
exports.modules = {

/***/ 7972:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/endpoints.ts
var endpoints = __webpack_require__(7437);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/http/transport.ts
var http_transport = __webpack_require__(1517);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __webpack_require__(4923);
// EXTERNAL MODULE: ./src/sei/deliver.ts
var deliver = __webpack_require__(230);
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

// EXTERNAL MODULE: ./src/sei/schema.ts
var schema = __webpack_require__(6348);
;// CONCATENATED MODULE: ./src/cli/send.ts
// `sei-cicd-action send FILE`: posts a report that the action kept because SEI could
// not take it, with the action's retry policy and time budget. Sending a report twice
// is harmless: SEI keeps one run per job and build_number, and the first post wins.








const HELP = `Usage: sei-cicd-action send FILE [options]

Posts FILE, a report the action kept when SEI could not take it (the path is in the
step's warning: $RUNNER_TEMP/sei-cicd-action/report-<execution id>.json), to SEI with
the action's retry policy. Sending a report SEI already has changes nothing: SEI keeps
one run per job and build_number.

The API key is read from the environment variable SEI_API_KEY.

Options:
  --sei-endpoint NAME|URL  Harness cluster (prod0, prod1, prod2, prod3, prod4, prod6, eu1)
                           or the https:// URL of the SEI API base (default: prod2)
  --timeout-seconds N      time for every attempt together, 1 to 600 (default: 60)
  --api-key KEY            the key, when SEI_API_KEY cannot be set; it stays in the
                           shell history and is visible to other users in the process list
  -h, --help               show this help

Exit codes: 0 delivered; 1 not delivered (SEI refused it or did not answer, or FILE is
not a report); 2 the command line is wrong.
`;
const VALUE_OPTIONS = ['--sei-endpoint', '--timeout-seconds', '--api-key'];
class UsageError extends Error {
    name = 'UsageError';
}
function parseArgs(args) {
    const parsed = { help: false, files: [], options: {} };
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '-h' || arg === '--help') {
            parsed.help = true;
            continue;
        }
        if (!arg.startsWith('-') || arg === '-') {
            parsed.files.push(arg);
            continue;
        }
        const eq = arg.indexOf('=');
        const name = eq > 0 ? arg.slice(0, eq) : arg;
        if (!VALUE_OPTIONS.includes(name)) {
            throw new UsageError(`Unknown option "${name}": see sei-cicd-action send --help.`);
        }
        const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined)
            throw new UsageError(`Option ${name} needs a value.`);
        parsed.options[name] = value;
    }
    return parsed;
}
function readReport(file) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (cause) {
        throw new deliver/* DeliveryError */.VE(`Cannot read ${file}: ${cause.code ?? 'error'}.`, 'rejected', 0);
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new deliver/* DeliveryError */.VE(`${file} is not JSON: give the report-*.json file the action kept.`, 'rejected', 0);
    }
    const parsed = schema/* payloadSchema */.Wt.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new deliver/* DeliveryError */.VE(`${file} is not an SEI report (at ${issue.path.join('.') || 'the top'}: ${issue.message}): give the report-*.json file the action kept.`, 'rejected', 0);
    }
    return parsed.data;
}
function settings(args, env, warn) {
    if (args.files.length !== 1) {
        throw new UsageError(args.files.length === 0
            ? 'Give the report file to send: sei-cicd-action send FILE.'
            : `Give one report file, not ${args.files.length}.`);
    }
    const endpointName = args.options['--sei-endpoint'] ?? 'prod2';
    const endpoint = (0,endpoints/* resolveApiBase */.cZ)(endpointName, 'Option --sei-endpoint');
    if ('error' in endpoint)
        throw new UsageError(endpoint.error);
    let timeoutSeconds;
    try {
        timeoutSeconds = (0,inputs/* parseTimeout */.ZZ)(args.options['--timeout-seconds'] ?? '');
    }
    catch (cause) {
        if (!(cause instanceof inputs/* InputError */.dz))
            throw cause;
        throw new UsageError(cause.message.replace('Input "timeout-seconds"', 'Option --timeout-seconds'));
    }
    const fromFlag = args.options['--api-key'];
    if (fromFlag !== undefined) {
        warn('Warning: --api-key leaves the key in your shell history and the process list; prefer the SEI_API_KEY environment variable.');
    }
    const apiKey = (fromFlag ?? env.SEI_API_KEY ?? '').trim();
    if (apiKey === '') {
        throw new UsageError('SEI_API_KEY is not set: export the SEI API key as SEI_API_KEY.');
    }
    const keyName = fromFlag === undefined ? 'SEI_API_KEY' : '--api-key';
    return {
        file: args.files[0],
        apiBase: endpoint.base,
        endpointName,
        apiKey,
        keyName,
        timeoutSeconds
    };
}
function redactor(secrets) {
    const hidden = secrets.filter((secret) => secret !== '');
    return (text) => hidden.reduce((out, secret) => out.split(secret).join('***'), text);
}
async function send(args, env) {
    const secrets = [env.SEI_API_KEY ?? '', ...(0,http_transport/* proxySecrets */.Wm)(env)];
    let redact = redactor(secrets);
    const out = (line) => process.stdout.write(redact(line) + '\n');
    const err = (line) => process.stderr.write(redact(line) + '\n');
    let parsed;
    let setup;
    try {
        parsed = parseArgs(args);
        if (parsed.help) {
            out(HELP.trimEnd());
            return 0;
        }
        redact = redactor([parsed.options['--api-key'] ?? '', ...secrets]);
        setup = settings(parsed, env, err);
    }
    catch (cause) {
        if (!(cause instanceof UsageError))
            throw cause;
        err(cause.message);
        return 2;
    }
    const transport = await (0,http_transport/* createTransport */.oO)(env);
    try {
        const folded = foldPayload(readReport(setup.file));
        if (folded.notice)
            err(folded.notice);
        const done = await (0,deliver/* deliver */.cK)(JSON.stringify(folded.payload), {
            apiBase: setup.apiBase,
            apiKey: setup.apiKey,
            endpointName: setup.endpointName,
            names: { key: setup.keyName, endpoint: '--sei-endpoint' }
        }, transport, new retry/* Budget */.__(setup.timeoutSeconds * 1000), undefined, {
            onRetry: (reason, attempt, waitMs) => err(`SEI: ${reason} on attempt ${attempt}; retrying in ${(waitMs / 1000).toFixed(1)} s.`)
        });
        out(`Sent ${folded.payload.job_full_name} #${folded.payload.build_number} to ${done.url}: HTTP ${done.status} after ${done.attempts} attempt(s).`);
        return 0;
    }
    catch (cause) {
        if (!(cause instanceof deliver/* DeliveryError */.VE))
            throw cause;
        err(cause.message);
        return 1;
    }
    finally {
        await transport.close();
    }
}
const command = {
    summary: 'post a report the action kept because SEI could not take it',
    run: send
};


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
//# sourceMappingURL=972.index.cjs.js.map