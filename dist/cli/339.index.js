export const id = 339;
export const ids = [339];
export const modules = {

/***/ 833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ao: () => (/* binding */ onCancel),
/* harmony export */   WZ: () => (/* binding */ processTree),
/* harmony export */   g8: () => (/* binding */ childPidsRunning),
/* harmony export */   mm: () => (/* binding */ isCancelled),
/* harmony export */   zG: () => (/* binding */ installCancellation)
/* harmony export */ });
/* unused harmony exports childPids, cancelEverything */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
// Cancellation: when the runner cancels a job it sends SIGINT, then SIGTERM; a terminal sends
// SIGINT on Ctrl-C. On either, stagegate stops what it started (the docker commands: a build
// whose client goes away is cancelled by BuildKit; the test container), deletes the secret files
// it wrote, and exits, so nothing (a push) runs afterwards.

const cleanups = new Set();
let cancelled = false;
/** True once a cancel signal arrived: no new docker command may start (no push after a cancel). */
function isCancelled() {
    return cancelled;
}
/** Registers something to undo if the run is cancelled; the returned function unregisters it. */
function onCancel(cleanup) {
    cleanups.add(cleanup);
    return () => {
        cleanups.delete(cleanup);
    };
}
/** Every process's parent, from /proc (Linux, as GitHub's and this project's runners are); empty elsewhere. */
function parents(proc) {
    const parentOf = new Map();
    let entries;
    try {
        entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(proc);
    }
    catch {
        return parentOf;
    }
    for (const entry of entries) {
        if (!/^\d+$/.test(entry))
            continue;
        try {
            // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last `)`.
            const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`${proc}/${entry}/stat`, 'utf8');
            parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
        }
        catch {
            // the process ended meanwhile
        }
    }
    return parentOf;
}
/**
 * The ids of the processes whose parent is `pid`: the docker clients @actions/exec started, which
 * it does not expose. Empty where there is no /proc.
 */
function childPids(pid = process.pid, proc = '/proc') {
    return [...parents(proc)].filter(([, parent]) => parent === pid).map(([child]) => child);
}
/**
 * `pid` and every process below it: `docker buildx build` runs the buildx plugin as a child of
 * the docker client, and the client does not pass a signal on to it.
 */
function processTree(pid, proc = '/proc') {
    const parentOf = parents(proc);
    const tree = [pid];
    for (let i = 0; i < tree.length; i++) {
        for (const [child, parent] of parentOf)
            if (parent === tree[i] && !tree.includes(child))
                tree.push(child);
    }
    return tree;
}
/**
 * The children of `pid` whose arguments (after the program) are exactly `args`: one docker
 * command this process started, to stop it alone (a runtime build the failed gate makes moot).
 */
function childPidsRunning(args, pid = process.pid, proc = '/proc') {
    const wanted = args.join('\0');
    return childPids(pid, proc).filter(child => {
        try {
            const argv = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`${proc}/${child}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
            return argv.slice(1).join('\0') === wanted;
        }
        catch {
            return false;
        }
    });
}
/** Installs the handlers: the first signal cleans up and exits, a second exits at once. */
function installCancellation(options) {
    const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
    let cancelling = false;
    const handler = (signal) => {
        const code = 128 + (signal === 'SIGINT' ? 2 : 15);
        if (cancelling) {
            options.exit(code);
            return;
        }
        cancelling = true;
        options.log(`stagegate: cancelled (${signal}): stopping the builds and the test container, removing secret files; nothing is pushed.`);
        void cancelEverything(options.timeoutMs ?? 6000).finally(() => options.exit(code));
    };
    for (const signal of signals)
        process.on(signal, handler);
    return () => {
        for (const signal of signals)
            process.off(signal, handler);
    };
}
/** Stops the docker clients this process started, then runs every registered cleanup, bounded in time. */
async function cancelEverything(timeoutMs, children = childPids, alive = isAlive) {
    cancelled = true;
    const signalled = children().flatMap(pid => processTree(pid));
    for (const pid of signalled) {
        try {
            // SIGINT is what Ctrl-C sends: the docker client cancels its build and exits.
            process.kill(pid, 'SIGINT');
        }
        catch {
            // gone already
        }
    }
    const all = Promise.allSettled([...cleanups].map(async (cleanup) => cleanup()));
    // The builds are stopped once their clients have exited (BuildKit cancels a build whose client
    // is gone): wait for them too, so nothing of the run outlives it.
    const clientsGone = (async () => {
        // Not unref'd: the process must stay until the handler exits with the signal's code.
        while (signalled.some(alive))
            await new Promise(resolve => setTimeout(resolve, 50));
    })();
    await Promise.race([
        Promise.all([all, clientsGone]),
        new Promise(resolve => setTimeout(resolve, timeoutMs).unref())
    ]);
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 6750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I6: () => (/* binding */ engineSocket),
/* harmony export */   U1: () => (/* binding */ engineRequest),
/* harmony export */   dA: () => (/* binding */ engineGet)
/* harmony export */ });
/* unused harmony exports DEFAULT_ENGINE_SOCKET, engineSocketFrom */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _plugin_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1731);
// The engine's API, asked directly over its unix socket for the few reads the report makes while
// the push runs (`docker image inspect`, `docker history`): each `docker` process costs ~0.05-0.08 s
// of CPU to start, and four of them beside `docker push` on a 2-core runner made the push twice as
// slow (0.35 s against 0.17 s alone, measured here). Only where the socket is known the way docker
// knows it; anywhere else (a context, tcp, ssh) the docker CLI answers as before.





/** Where docker talks to the engine when nothing says otherwise (Linux). */
const DEFAULT_ENGINE_SOCKET = '/var/run/docker.sock';
/**
 * The engine's unix socket, as the docker CLI would find it, or null when the CLI would go
 * elsewhere than a local socket (DOCKER_HOST over tcp or ssh, or a context other than the
 * default: its endpoint lives in docker's context store, which is left to docker). Pure.
 */
function engineSocketFrom(env, configJson) {
    const host = env.DOCKER_HOST?.trim();
    if (host)
        return host.startsWith('unix://') && host.length > 'unix://'.length ? host.slice('unix://'.length) : null;
    const context = env.DOCKER_CONTEXT?.trim();
    if (context && context !== 'default')
        return null;
    try {
        const current = JSON.parse(configJson ?? '{}').currentContext;
        if (typeof current === 'string' && current !== '' && current !== 'default')
            return null;
    }
    catch {
        return null; // docker would refuse a config.json it cannot read: let it say so
    }
    return DEFAULT_ENGINE_SOCKET;
}
/** engineSocketFrom with docker's config.json read. */
function engineSocket(env, home = env.HOME || node_os__WEBPACK_IMPORTED_MODULE_2___default().homedir()) {
    let configJson = null;
    try {
        configJson = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join((0,_plugin_js__WEBPACK_IMPORTED_MODULE_4__/* .dockerConfigDir */ .kG)(env, home), 'config.json'), 'utf8');
    }
    catch {
        // no config.json: docker's defaults
    }
    return engineSocketFrom(env, configJson);
}
/**
 * GET `apiPath` from the engine on `socket`. Rejects when the engine cannot be reached or does not
 * answer within `timeoutMs` (the caller then asks the docker CLI); any HTTP status is an answer.
 */
function engineGet(socket, apiPath, timeoutMs = 10_000) {
    return engineRequest(socket, 'GET', apiPath, timeoutMs);
}
/** `method` `apiPath` (no body) to the engine on `socket`, as engineGet. */
function engineRequest(socket, method, apiPath, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
        const request = node_http__WEBPACK_IMPORTED_MODULE_0___default().request({ socketPath: socket, method, path: apiPath, headers: { Host: 'docker' }, timeout: timeoutMs }, response => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            response.on('error', reject);
        });
        request.on('timeout', () => request.destroy(new Error(`the engine did not answer ${apiPath} in time`)));
        request.on('error', reject);
        request.end();
    });
}


/***/ }),

/***/ 2339:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CANCELLED_EXIT: () => (/* binding */ CANCELLED_EXIT),
  Probes: () => (/* binding */ Probes),
  buildxInspectArgs: () => (/* binding */ buildxInspectArgs),
  candidateClients: () => (/* binding */ candidateClients),
  detectBuilder: () => (/* binding */ detectBuilder),
  dockerClientsOnPath: () => (/* binding */ dockerClientsOnPath),
  probeAtStart: () => (/* binding */ probeAtStart),
  probeEarly: () => (/* binding */ probeEarly),
  run: () => (/* binding */ run),
  runStream: () => (/* binding */ runStream)
});

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 1 modules
var exec = __webpack_require__(1955);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/engine/builder.ts
// Which builder drives the build. GitHub's runners have buildx; some machines only have a
// docker client older than 23.0 that talks to the engine's built-in BuildKit; the legacy builder
// is the last resort (no secrets, no RUN --mount, no BuildKit cache).
/** Docker 23.0 made `docker build` an alias of buildx: newer clients cannot drive BuildKit without it. */
const BUILDKIT_WITHOUT_BUILDX_BELOW = 23;
function majorVersion(version) {
    const match = /^v?(\d+)\./.exec(version ?? '');
    return match ? Number(match[1]) : null;
}
/**
 * Picks the builder from the probes of every docker client on PATH, in PATH order.
 * buildx anywhere wins; else a client that drives BuildKit itself; else the first client, legacy.
 */
function chooseBuilder(probes) {
    const first = probes[0];
    if (!first) {
        throw new Error('no docker client found on PATH');
    }
    const withBuildx = probes.find(p => p.buildxVersion !== null);
    if (withBuildx) {
        return {
            kind: 'buildx',
            client: withBuildx.path,
            buildxVersion: withBuildx.buildxVersion,
            buildxPlugin: withBuildx.buildxPlugin ?? null,
            reason: `buildx ${withBuildx.buildxVersion} is available with ${withBuildx.path}` +
                (withBuildx.buildxPlugin ? ` (plugin ${withBuildx.buildxPlugin})` : '')
        };
    }
    const direct = probes.find(p => {
        const major = majorVersion(p.clientVersion);
        return major !== null && major < BUILDKIT_WITHOUT_BUILDX_BELOW;
    });
    const describe = (p) => `${p.path} (${p.clientVersion ?? 'version unknown'})`;
    if (direct) {
        const skipped = probes.filter(p => p !== direct).map(describe);
        return {
            kind: 'buildkit',
            client: direct.path,
            buildxVersion: null,
            reason: `no buildx plugin found; ${describe(direct)} drives the engine's built-in BuildKit with DOCKER_BUILDKIT=1` +
                (skipped.length > 0 ? `; skipped ${skipped.join(', ')}: docker 23+ needs buildx for BuildKit` : '')
        };
    }
    return {
        kind: 'legacy',
        client: first.path,
        buildxVersion: null,
        reason: `no buildx plugin and no docker client older than ${BUILDKIT_WITHOUT_BUILDX_BELOW}.0 found ` +
            `(${probes.map(describe).join(', ')}): using the legacy builder, without BuildKit cache, secrets or RUN --mount. ` +
            'Install the buildx plugin (docker/setup-buildx-action) for the full pipeline'
    };
}

// EXTERNAL MODULE: ./src/engine/api.ts
var api = __webpack_require__(6750);
// EXTERNAL MODULE: ./src/engine/plugin.ts
var engine_plugin = __webpack_require__(1731);
;// CONCATENATED MODULE: ./src/engine/docker.ts










/** The exit code of a docker command a cancelled run did not start. */
const CANCELLED_EXIT = 130;
/**
 * Runs a process and collects its output. Never throws on a non-zero exit: the caller decides
 * what a failure means (a failing test is not an error of stagegate's).
 */
async function run(command, args, options = {}) {
    // A cancelled run starts nothing new: what it started is being stopped, and nothing may be
    // pushed afterwards. The docker commands the cleanups need are the exception (`force`).
    if (((0,cancel/* isCancelled */.mm)() && !options.duringCancel) || options.signal?.aborted) {
        return { exitCode: CANCELLED_EXIT, stdout: '', tail: ['stagegate: cancelled, not started'] };
    }
    // The abort may come while exec is still resolving the executable: look again until it ends.
    let stopping;
    const stop = () => {
        const signalled = new Set();
        const kill = () => {
            for (const pid of (0,cancel/* childPidsRunning */.g8)(args).flatMap(child => (0,cancel/* processTree */.WZ)(child))) {
                if (signalled.has(pid))
                    continue;
                signalled.add(pid);
                try {
                    process.kill(pid, 'SIGINT');
                }
                catch {
                    // ended meanwhile
                }
            }
        };
        kill();
        stopping = setInterval(kill, 100);
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    const keep = options.tailLines ?? 400;
    const tail = [];
    const stdoutChunks = [];
    const stderrChunks = [];
    const onLine = (line) => {
        tail.push(line.replace(/\r$/, ''));
        if (tail.length > keep)
            tail.shift();
        options.onLine?.(line);
    };
    try {
        const exitCode = await (0,exec/* exec */.m)(command, args, {
            silent: true,
            ignoreReturnCode: true,
            env: { ...process.env, ...options.env },
            input: options.input === undefined ? undefined : Buffer.from(options.input),
            listeners: {
                stdout: chunk => {
                    if (options.captureStdout !== false)
                        stdoutChunks.push(chunk);
                },
                stderr: chunk => {
                    if (options.captureStderr)
                        stderrChunks.push(chunk);
                },
                stdline: onLine,
                errline: onLine
            }
        });
        while (tail.length > 0 && tail[tail.length - 1] === '')
            tail.pop();
        return {
            exitCode,
            stdout: Buffer.concat(stdoutChunks).toString('utf8'),
            tail,
            ...(options.captureStderr ? { stderr: Buffer.concat(stderrChunks).toString('utf8') } : {})
        };
    }
    catch (error) {
        throw notFound(command, error);
    }
    finally {
        options.signal?.removeEventListener('abort', stop);
        clearInterval(stopping);
    }
}
function notFound(command, error) {
    if (/Unable to locate executable|ENOENT/.test(String(error))) {
        return new errors/* UserError */.y(`${command} was not found: is Docker installed?`);
    }
    return error;
}
/**
 * Runs a process whose stdout is data rather than lines (`docker save`: gigabytes of tar), handing
 * the stream to `consume`, which reads it with backpressure (@actions/exec's listeners have none).
 * The same rules as `run`: nothing starts after a cancel (the cancel stops what is running), a
 * non-zero exit is the caller's to judge. A `consume` that throws stops the process.
 */
async function runStream(command, args, consume) {
    if ((0,cancel/* isCancelled */.mm)())
        return { exitCode: CANCELLED_EXIT, stderr: 'stagegate: cancelled, not started' };
    const child = (0,external_node_child_process_.spawn)(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = [];
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    const spawned = new Promise((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
    });
    // A failed spawn rejects `spawned` and `closed` alike; the former tells.
    const closed = (0,external_node_events_.once)(child, 'close').catch(() => [null]);
    try {
        await spawned;
    }
    catch (error) {
        throw notFound(command, error);
    }
    let value;
    let failure = null;
    try {
        value = await consume(child.stdout);
    }
    catch (error) {
        failure = { error };
        child.kill();
    }
    const [code] = await closed;
    const result = {
        exitCode: code ?? 1,
        stderr: Buffer.concat(stderr).toString('utf8')
    };
    return failure ? { ...result, error: failure.error } : { ...result, value: value };
}
/** Every distinct `docker` executable on PATH, in PATH order (symlinks to the same file count once). */
function dockerClientsOnPath(pathVariable = process.env.PATH ?? '') {
    const found = [];
    const seen = new Set();
    for (const dir of pathVariable.split((external_node_path_default()).delimiter)) {
        if (!dir)
            continue;
        const candidate = external_node_path_default().join(dir, 'docker');
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            const real = (0,external_node_fs_.realpathSync)(candidate);
            if (seen.has(real))
                continue;
            seen.add(real);
            found.push(candidate);
        }
        catch {
            // not there, or not executable
        }
    }
    return found;
}
/**
 * The few docker commands a run asks once about the engine and the builder (versions, `info`,
 * `buildx inspect`), each started once: a run starts them all together at its start, and each
 * step takes its answer when it gets there.
 */
class Probes {
    socket;
    answers = new Map();
    statuses = new Map();
    engineVersion = null;
    /** `socket`: the engine's API socket (src/engine/api.ts), asked instead of `docker info`. */
    constructor(socket = null) {
        this.socket = socket;
    }
    /** Whether the engine's API socket is known (the engine may still not answer there). */
    get hasApi() {
        return this.socket !== null;
    }
    run(call) {
        const key = JSON.stringify([call.command, ...call.args]);
        let answer = this.answers.get(key);
        if (!answer) {
            answer = run(call.command, call.args, call.env ? { env: call.env } : {});
            this.answers.set(key, answer);
            // Asked early, maybe never awaited (another client was chosen, the Dockerfile was wrong).
            answer.catch(() => undefined);
        }
        return answer;
    }
    /**
     * `docker info`'s DriverStatus as JSON (the image store): from the engine's API when its socket
     * is known, without a docker process; else, or when the API does not answer, from `client`.
     */
    driverStatus(client) {
        let status = this.statuses.get(client);
        if (!status) {
            const cli = () => this.run((0,engine_plugin/* dockerCall */.tq)(client, null, DRIVER_STATUS_ARGS)).then(r => (r.exitCode === 0 ? r.stdout : ''));
            status = this.socket
                ? (0,api/* engineGet */.dA)(this.socket, '/info')
                    .then(a => {
                    if (a.status !== 200)
                        return cli();
                    return JSON.stringify(JSON.parse(a.body).DriverStatus ?? null);
                })
                    .catch(cli)
                : cli();
            this.statuses.set(client, status);
            status.catch(() => undefined);
        }
        return status;
    }
    /**
     * The engine's version from its API (`GET /version`), without a docker process; null when the
     * socket is not known or the engine does not answer there (the docker CLI is asked then, and
     * says why). Docker's `Server.Version` is this same field.
     */
    serverVersion() {
        if (!this.engineVersion) {
            const socket = this.socket;
            this.engineVersion = socket
                ? (0,api/* engineGet */.dA)(socket, '/version')
                    .then(a => {
                    if (a.status !== 200)
                        return null;
                    const version = JSON.parse(a.body).Version;
                    return typeof version === 'string' && version !== '' ? version : null;
                })
                    .catch(() => null)
                : Promise.resolve(null);
        }
        return this.engineVersion;
    }
}
const BUILDX_VERSION_ARGS = ['buildx', 'version'];
const VERSION_ARGS = ['version', '--format', '{{.Client.Version}}|{{.Server.Version}}'];
const DRIVER_STATUS_ARGS = ['info', '--format', '{{json .DriverStatus}}'];
const buildxInspectArgs = (name) => ['buildx', 'inspect', ...(name ? [name] : [])];
/** The docker clients a run considers: STAGEGATE_DOCKER alone when set, else those on PATH. */
function candidateClients(env) {
    const forced = env.STAGEGATE_DOCKER?.trim();
    return forced ? [forced] : dockerClientsOnPath(env.PATH);
}
/**
 * Starts every probe a run will ask, side by side, before the Dockerfile is even read: buildx's
 * version and the engine's, and, when the buildx plugin is where docker looks, the builder
 * (`buildx inspect [name]`) and the image store. With the plugin, the engine's version comes from
 * its API socket (the client's is only needed without buildx); without it the run is most likely
 * classic: `docker version` gives both, and the builder's probes wait until buildx answered.
 * The probes the entry point started for the same docker (`probeAtStart`) are taken over.
 */
function probeEarly(env, builderName) {
    const key = probeKey(env, builderName);
    const started = atStart;
    atStart = null;
    if (started && started.key === key)
        return started.probes;
    const probes = new Probes((0,api/* engineSocket */.I6)(env));
    const plugin = (0,engine_plugin/* findBuildxPlugin */.l)(env);
    if (plugin)
        void probes.serverVersion();
    for (const client of candidateClients(env)) {
        void probes.run((0,engine_plugin/* dockerCall */.tq)(client, plugin, BUILDX_VERSION_ARGS));
        if (asksDockerVersion(plugin, probes))
            void probes.run((0,engine_plugin/* dockerCall */.tq)(client, null, VERSION_ARGS));
        if (!plugin)
            continue;
        void probes.run((0,engine_plugin/* dockerCall */.tq)(client, plugin, buildxInspectArgs(builderName)));
        void probes.driverStatus(client);
    }
    return probes;
}
/** `docker version` is started at once unless buildx's plugin and the engine's API may answer. */
function asksDockerVersion(plugin, probes) {
    return !plugin || !probes.hasApi;
}
let atStart = null;
/** What makes two runs' probes the same: the docker they find and the builder they name. */
function probeKey(env, builderName) {
    const docker = ['STAGEGATE_DOCKER', 'PATH', 'HOME', 'DOCKER_CONFIG', 'DOCKER_HOST', 'DOCKER_CONTEXT'];
    return JSON.stringify([builderName, ...docker.map(name => env[name] ?? null)]);
}
/**
 * Started by the entry point before the rest of the action is even loaded (~0.15 s of JavaScript
 * on a 2-core runner, which the docker processes then overlap): the next `probeEarly` for the
 * same docker and builder takes these over, once.
 */
function probeAtStart(env, builderName) {
    atStart = null;
    const probes = probeEarly(env, builderName);
    atStart = { key: probeKey(env, builderName), probes };
}
async function probeClient(client, plugin, probes) {
    // `docker version` gives both versions (it exits non-zero when the engine is down but still
    // prints the client's). With buildx only the engine's version matters, which its API gives.
    const cliVersion = () => probes.run((0,engine_plugin/* dockerCall */.tq)(client, null, VERSION_ARGS)).catch(() => null);
    const early = asksDockerVersion(plugin, probes) ? cliVersion() : null;
    const [buildx, apiVersion] = await Promise.all([
        probes.run((0,engine_plugin/* dockerCall */.tq)(client, plugin, BUILDX_VERSION_ARGS)).catch(() => null),
        plugin ? probes.serverVersion() : null
    ]);
    const buildxVersion = buildx && buildx.exitCode === 0 ? (/\bv?\d+\.\d+\.\d+\S*/.exec(buildx.stdout)?.[0] ?? 'unknown') : null;
    if (buildxVersion && apiVersion) {
        return {
            path: client,
            clientVersion: null,
            buildxVersion,
            buildxPlugin: plugin,
            serverVersion: apiVersion
        };
    }
    const version = await (early ?? cliVersion());
    const [clientVersion = '', serverVersion = ''] = (version?.stdout.trim().split('\n')[0] ?? '').split('|');
    const serverError = version?.tail
        .filter(l => l.trim() !== '' && !l.includes('|'))
        .slice(-3)
        .join(' ');
    return {
        path: client,
        clientVersion: clientVersion.trim() || null,
        buildxVersion,
        buildxPlugin: buildxVersion ? plugin : null,
        serverVersion: serverVersion.trim() || null,
        serverError
    };
}
/**
 * Probes the docker clients (STAGEGATE_DOCKER first when set) and picks the builder.
 * Also checks that the engine answers, so a stopped daemon is reported before any build.
 */
async function detectBuilder(env = process.env, probes = new Probes()) {
    const clients = candidateClients(env);
    if (clients.length === 0) {
        throw new errors/* UserError */.y('No docker client was found on PATH. Install Docker, or set STAGEGATE_DOCKER to its path.');
    }
    const plugin = (0,engine_plugin/* findBuildxPlugin */.l)(env);
    const answers = await Promise.all(clients.map(client => probeClient(client, plugin, probes)));
    const choice = chooseBuilder(answers);
    const chosen = answers.find(p => p.path === choice.client);
    if (!chosen?.serverVersion) {
        const why = chosen?.serverError || 'no answer';
        throw new errors/* UserError */.y(`The Docker engine does not answer (${choice.client} version: ${why}). Start it, then run again.`);
    }
    return { ...choice, serverVersion: chosen.serverVersion };
}


/***/ }),

/***/ 1731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kG: () => (/* binding */ dockerConfigDir),
/* harmony export */   l: () => (/* binding */ findBuildxPlugin),
/* harmony export */   tq: () => (/* binding */ dockerCall)
/* harmony export */ });
/* unused harmony exports PLUGIN_PARENT_ENV, SYSTEM_PLUGIN_DIRS, pluginDirs */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
// The buildx plugin, run as docker runs it, without going through docker: `docker buildx …` starts
// the docker CLI, which asks every plugin for its metadata before it starts the plugin itself,
// ~0.12 s of CPU per call measured here (`docker buildx inspect` 0.27 s against 0.14 s). The
// plugin is found where docker looks, and called the way docker calls it, so it behaves the same.



/** The variable docker sets when it runs a plugin (the plugin then runs as `docker <name> …`). */
const PLUGIN_PARENT_ENV = 'DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND';
/** Linux's system plugin folders, in docker's order (docker/cli cli-plugins/manager). */
const SYSTEM_PLUGIN_DIRS = [
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins'
];
/** docker's config folder: DOCKER_CONFIG, else ~/.docker. Pure. */
function dockerConfigDir(env, home) {
    return env.DOCKER_CONFIG?.trim() || node_path__WEBPACK_IMPORTED_MODULE_2___default().join(home, '.docker');
}
/**
 * Where docker looks for a CLI plugin, first first: config.json's `cliPluginsExtraDirs`, the
 * config folder's `cli-plugins`, then the system folders. Pure.
 */
function pluginDirs(configDir, configJson) {
    let extra = [];
    try {
        const parsed = JSON.parse(configJson ?? '{}');
        if (Array.isArray(parsed.cliPluginsExtraDirs))
            extra = parsed.cliPluginsExtraDirs.filter((d) => typeof d === 'string' && d !== '');
    }
    catch {
        // docker fails on a config.json it cannot read; so will the probe through docker
    }
    return [...extra, node_path__WEBPACK_IMPORTED_MODULE_2___default().join(configDir, 'cli-plugins'), ...SYSTEM_PLUGIN_DIRS];
}
/**
 * The `docker-buildx` docker would run, or null when none is where docker looks (a patched docker
 * may look elsewhere: the caller then asks `docker buildx` itself).
 */
function findBuildxPlugin(env, home = env.HOME || node_os__WEBPACK_IMPORTED_MODULE_1___default().homedir()) {
    const configDir = dockerConfigDir(env, home);
    let configJson = null;
    try {
        configJson = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(configDir, 'config.json'), 'utf8');
    }
    catch {
        // no config.json: docker's defaults
    }
    for (const dir of pluginDirs(configDir, configJson)) {
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'docker-buildx');
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate);
        }
        catch {
            continue; // not there: docker looks in the next folder
        }
        // docker takes the first candidate, usable or not: one it would refuse is left to docker.
        try {
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate).isFile())
                return null;
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            return candidate;
        }
        catch {
            return null;
        }
    }
    return null;
}
/**
 * How to run `docker <args>`: a buildx command runs the plugin itself when it was found, with the
 * variable docker sets for it; everything else runs the docker client. Pure.
 */
function dockerCall(client, plugin, args) {
    if (plugin && args[0] === 'buildx')
        return { command: plugin, args, env: { [PLUGIN_PARENT_ENV]: client } };
    return { command: client, args };
}


/***/ })

};
