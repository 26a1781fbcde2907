export const id = 661;
export const ids = [661];
export const modules = {

/***/ 661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RUN_USAGE: () => (/* binding */ RUN_USAGE),
  parseRunArgs: () => (/* binding */ parseRunArgs),
  runCommand: () => (/* binding */ runCommand)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(455);
;// CONCATENATED MODULE: ./src/action-inputs.ts
// The action's inputs as the command line accepts them (`stagegate run --tags a --push`).
// A unit test keeps this list equal to action.yml, so the CLI and the action never drift apart.
/** Inputs that may be given several times on the command line; values are joined with newlines. */
const REPEATABLE_INPUTS = [
    'tags',
    'labels',
    'build-args',
    'secrets',
    'platforms',
    'cache-from',
    'cache-to'
];
/** Inputs that are booleans: `--push` alone means true. */
const BOOLEAN_INPUTS = ['push', 'no-cache', 'pull', 'create-builder'];
const ACTION_INPUTS = [
    'context',
    'file',
    'target',
    'test-target',
    'test-command',
    'test-reports',
    'tags',
    'push',
    'labels',
    'build-args',
    'secrets',
    'platforms',
    'builder',
    'network',
    'no-cache',
    'pull',
    'cache',
    'cache-ref',
    'cache-from',
    'cache-to',
    'create-builder'
];
/** Short command-line spellings that read like docker's own flags. */
const INPUT_ALIASES = {
    f: 'file',
    t: 'tags',
    tag: 'tags',
    label: 'labels',
    'build-arg': 'build-args',
    secret: 'secrets',
    platform: 'platforms'
};

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(916);
;// CONCATENATED MODULE: ./src/outputs.ts
/** Output values as the action sets them (all strings). Pure, so the contract is table-tested. */
function outputValues(result) {
    const runtime = result.builds.find(b => b.role === 'runtime');
    const values = {
        'test-outcome': result.testOutcome,
        'image-id': result.imageId ?? '',
        digest: result.digest ?? '',
        tags: result.tags.join('\n'),
        metadata: JSON.stringify({
            'image-id': result.imageId,
            digest: result.digest,
            tags: result.tags,
            pushed: result.pushed,
            target: runtime ? (runtime.stage.name ?? runtime.stage.index) : null,
            tests: result.tests,
            'tester-image': result.testerImage,
            builds: result.builds.map(b => ({
                role: b.role,
                stage: b.stage.name ?? b.stage.index,
                ok: b.ok,
                seconds: Number(b.seconds.toFixed(2)),
                steps: b.counts
            }))
        })
    };
    if (result.tests.tests !== undefined) {
        values['tests-passed'] = String(result.tests.passed ?? 0);
        values['tests-failed'] = String((result.tests.failed ?? 0) + (result.tests.errors ?? 0));
    }
    return values;
}
function setOutputs(host, result) {
    for (const [name, value] of Object.entries(outputValues(result)))
        host.setOutput(name, value);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/build/cache.ts

/** The runner's cache-service variables that buildx's `type=gha` cache reads from its environment. */
const GHA_CACHE_VARIABLES = [
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_CACHE_URL',
    'ACTIONS_CACHE_SERVICE_V2'
];
function ghaAvailable(env) {
    return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL));
}
/** `auto` resolved: gha on buildx inside a runner, registry when a ref is given, otherwise none. */
function resolveCacheMode(req) {
    if (req.mode !== 'auto')
        return req.mode;
    if (req.builder === 'buildx' && ghaAvailable(req.env))
        return 'gha';
    if (req.cacheRef !== '')
        return 'registry';
    return 'none';
}
/** A cache scope that is stable per image and target, so tester and runtime never overwrite each other. */
function cacheScope(imageName, target) {
    const name = imageName.replace(/^[^/]*[.:][^/]*\//, ''); // drop a registry host
    return `stagegate-${name}-${target}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 200);
}
/** `ghcr.io/o/r:buildcache` + `tester` → `ghcr.io/o/r:buildcache-tester`; no tag → `:cache-tester`. */
function cacheRefFor(cacheRef, target) {
    const lastSlash = cacheRef.lastIndexOf('/');
    const colon = cacheRef.indexOf(':', lastSlash + 1);
    if (colon < 0)
        return `${cacheRef}:cache-${target}`;
    return `${cacheRef}-${target}`.replace(/:(.{120}).*$/, ':$1');
}
/** Cache flags for one build. Pure. */
function planCache(req) {
    const mode = resolveCacheMode(req);
    const plan = {
        mode,
        cacheFrom: [],
        cacheTo: [],
        inlineCache: false,
        pushCacheImage: null,
        env: {},
        notes: []
    };
    const others = [req.target, ...req.targets.filter(t => t !== req.target)];
    switch (mode) {
        case 'none':
            break;
        case 'gha': {
            if (req.builder !== 'buildx') {
                throw new errors/* UserError */.y('Input "cache" is gha, which needs buildx (docker/setup-buildx-action); use registry or none.');
            }
            if (!ghaAvailable(req.env)) {
                throw new errors/* UserError */.y('Input "cache" is gha, but the runner cache service variables (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL) are missing: run inside GitHub Actions, or use cache: registry.');
            }
            for (const name of GHA_CACHE_VARIABLES) {
                const value = req.env[name];
                if (value)
                    plan.env[name] = value;
            }
            plan.cacheFrom = others.map(t => `type=gha,scope=${cacheScope(req.imageName, t)}`);
            plan.cacheTo = [`type=gha,scope=${cacheScope(req.imageName, req.target)},mode=max`];
            break;
        }
        case 'registry': {
            if (req.cacheRef === '')
                throw new errors/* UserError */.y('Input "cache" is registry but "cache-ref" is empty.');
            if (req.builder === 'buildx') {
                plan.cacheFrom = others.map(t => `type=registry,ref=${cacheRefFor(req.cacheRef, t)}`);
                plan.cacheTo = [`type=registry,ref=${cacheRefFor(req.cacheRef, req.target)},mode=max`];
            }
            else if (req.builder === 'buildkit') {
                // The engine's BuildKit has no cache exporter: inline metadata in an image pushed to the cache ref.
                plan.inlineCache = true;
                plan.cacheFrom = others.map(t => cacheRefFor(req.cacheRef, t));
                plan.pushCacheImage = cacheRefFor(req.cacheRef, req.target);
                plan.notes.push('registry cache on the classic BuildKit path: inline cache metadata, image pushed to the cache ref');
            }
            else {
                plan.cacheFrom = others.map(t => cacheRefFor(req.cacheRef, t));
                plan.pushCacheImage = cacheRefFor(req.cacheRef, req.target);
            }
            break;
        }
        case 'inline':
            if (req.builder === 'buildx')
                plan.cacheTo = ['type=inline'];
            else if (req.builder === 'buildkit')
                plan.inlineCache = true;
            else
                plan.notes.push('inline cache needs BuildKit; the legacy builder reads --cache-from images only');
            break;
    }
    if (plan.cacheTo.length > 0 &&
        req.builder === 'buildx' &&
        !req.canExport &&
        !plan.cacheTo.every(t => t === 'type=inline')) {
        plan.notes.push(`the buildx builder cannot export ${mode} cache (docker driver): cache is read, not written; allow create-builder to fix this`);
        plan.cacheTo = [];
    }
    if (req.cacheFrom.length > 0)
        plan.cacheFrom = [...req.cacheFrom];
    if (req.cacheTo.length > 0)
        plan.cacheTo = [...req.cacheTo];
    return plan;
}
/**
 * Whether stagegate should create a docker-container builder: only to export cache that the
 * current builder's driver cannot (the plain docker driver without the containerd image store).
 */
function needsContainerBuilder(opts) {
    const exportsCache = opts.rawCacheTo || opts.mode === 'gha' || opts.mode === 'registry';
    return exportsCache && opts.driver === 'docker' && !opts.containerdStore && opts.createBuilder;
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(260);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
;// CONCATENATED MODULE: ./src/build/builder.ts
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
            reason: `buildx ${withBuildx.buildxVersion} is available with ${withBuildx.path}`
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

;// CONCATENATED MODULE: ./src/build/docker.ts





/**
 * Runs a process and collects its output. Never throws on a non-zero exit: the caller decides
 * what a failure means (a failing test is not an error of stagegate's).
 */
async function run(command, args, options = {}) {
    const keep = options.tailLines ?? 400;
    const tail = [];
    const stdoutChunks = [];
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
            listeners: { stdout: chunk => stdoutChunks.push(chunk), stdline: onLine, errline: onLine }
        });
        while (tail.length > 0 && tail[tail.length - 1] === '')
            tail.pop();
        return { exitCode, stdout: Buffer.concat(stdoutChunks).toString('utf8'), tail };
    }
    catch (error) {
        if (/Unable to locate executable|ENOENT/.test(String(error))) {
            throw new errors/* UserError */.y(`${command} was not found: is Docker installed?`);
        }
        throw error;
    }
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
async function probeClient(client) {
    const [buildx, version] = await Promise.all([
        run(client, ['buildx', 'version']).catch(() => null),
        run(client, ['version', '--format', '{{.Client.Version}}']).catch(() => null)
    ]);
    const buildxVersion = buildx && buildx.exitCode === 0 ? (/\bv?\d+\.\d+\.\d+\S*/.exec(buildx.stdout)?.[0] ?? 'unknown') : null;
    // `docker version` exits non-zero when the engine is down but still prints the client version.
    const clientVersion = version?.stdout.trim().split('\n')[0]?.trim() || null;
    return { path: client, clientVersion, buildxVersion };
}
/**
 * Probes the docker clients (STAGEGATE_DOCKER first when set) and picks the builder.
 * Also checks that the engine answers, so a stopped daemon is reported before any build.
 */
async function detectBuilder(env = process.env) {
    const forced = env.STAGEGATE_DOCKER?.trim();
    const clients = forced ? [forced] : dockerClientsOnPath(env.PATH);
    if (clients.length === 0) {
        throw new errors/* UserError */.y('No docker client was found on PATH. Install Docker, or set STAGEGATE_DOCKER to its path.');
    }
    const probes = await Promise.all(clients.map(probeClient));
    const choice = chooseBuilder(probes);
    const server = await run(choice.client, ['version', '--format', '{{.Server.Version}}']);
    if (server.exitCode !== 0) {
        const why = server.tail
            .filter(l => l.trim() !== '')
            .slice(-3)
            .join(' ');
        throw new errors/* UserError */.y(`The Docker engine does not answer (${choice.client} version: ${why}). Start it, then run again.`);
    }
    return choice;
}

;// CONCATENATED MODULE: ./src/build/buildx.ts

/** Name of the docker-container builder stagegate creates when the current one cannot export cache. */
const CONTAINER_BUILDER = 'stagegate';
/** `Driver: docker-container` from `docker buildx inspect` output. */
function driverFromInspect(output) {
    const match = /^Driver:\s*(\S+)/m.exec(output);
    return match ? (match[1] ?? null) : null;
}
/** The containerd image store can export cache even with the docker driver. */
function usesContainerdStore(driverStatusJson) {
    return /io\.containerd\.snapshotter/.test(driverStatusJson);
}
async function inspectDriver(builder, name) {
    const inspected = await run(builder.client, ['buildx', 'inspect', ...(name ? [name] : [])]);
    const driver = inspected.exitCode === 0 ? driverFromInspect(inspected.stdout) : null;
    const info = await run(builder.client, ['info', '--format', '{{json .DriverStatus}}']);
    return { driver, containerdStore: usesContainerdStore(info.stdout) };
}
/** Creates (or reuses) the docker-container builder and returns its name. */
async function ensureContainerBuilder(host, builder) {
    const existing = await run(builder.client, ['buildx', 'inspect', CONTAINER_BUILDER]);
    if (existing.exitCode !== 0) {
        const created = await run(builder.client, [
            'buildx',
            'create',
            '--name',
            CONTAINER_BUILDER,
            '--driver',
            'docker-container'
        ]);
        if (created.exitCode !== 0) {
            host.warning(`Could not create a docker-container builder: ${created.tail.slice(-2).join(' ')}`);
            return '';
        }
    }
    return CONTAINER_BUILDER;
}

// EXTERNAL MODULE: ./src/dockerfile/index.ts + 3 modules
var dockerfile = __webpack_require__(351);
;// CONCATENATED MODULE: ./src/build/command.ts

/** The exact docker argument list for one build on the chosen builder. Pure. */
function buildCommand(req, kind) {
    if (kind !== 'buildx' && req.platforms.length > 1) {
        throw new errors/* UserError */.y(`Input "platforms" names ${req.platforms.length} platforms; building several at once needs buildx (docker/setup-buildx-action).`);
    }
    if (kind === 'legacy' && req.secretFiles.length > 0) {
        throw new errors/* UserError */.y('Input "secrets" needs BuildKit; the legacy builder would leak them as build args, so stagegate stops here.');
    }
    const args = kind === 'buildx' ? ['buildx', 'build'] : ['build'];
    if (kind !== 'legacy')
        args.push('--progress=plain');
    if (kind === 'buildx' && req.builder)
        args.push('--builder', req.builder);
    args.push('--file', req.file, '--target', req.target);
    if (req.network)
        args.push('--network', req.network);
    for (const tag of req.tags)
        args.push('--tag', tag);
    for (const label of req.labels)
        args.push('--label', label);
    for (const [key, value] of Object.entries(req.buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    if (req.inlineCache && kind === 'buildkit')
        args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
    for (const secret of req.secretFiles)
        args.push('--secret', `id=${secret.id},src=${secret.src}`);
    if (req.platforms.length > 0)
        args.push('--platform', req.platforms.join(','));
    if (req.noCache)
        args.push('--no-cache');
    if (req.pull)
        args.push('--pull');
    for (const from of req.cacheFrom)
        args.push('--cache-from', from);
    if (kind === 'buildx')
        for (const to of req.cacheTo)
            args.push('--cache-to', to);
    args.push('--iidfile', req.iidFile);
    if (kind === 'buildx') {
        if (req.metadataFile)
            args.push('--metadata-file', req.metadataFile);
        if (req.push)
            args.push('--push');
        if (req.load)
            args.push('--load');
    }
    args.push(req.context);
    const env = { DOCKER_BUILDKIT: kind === 'legacy' ? '0' : '1' };
    return { args, env };
}
/** `docker run` for the test command in a container of the tester image. Pure. */
function testRunCommand(opts) {
    const args = ['run', '--rm', '--name', opts.name];
    if (opts.network)
        args.push('--network', opts.network);
    if (opts.reportsHostDir && opts.reportsContainerDir) {
        args.push('--volume', `${opts.reportsHostDir}:${opts.reportsContainerDir}`);
    }
    // The command is a shell line, as `run:` steps are; the image may lack a shell only if it
    // lacks tests too, and then docker's own error says so.
    args.push('--entrypoint', '/bin/sh', opts.image, '-c', opts.command);
    return args;
}

;// CONCATENATED MODULE: ./src/build/failure.ts

/** Instructions that BuildKit turns into numbered steps (`[stage k/n]`); ENV, ARG, LABEL… are not. */
const STEP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
/**
 * Finds the Dockerfile instruction behind a failed BuildKit step. BuildKit numbers a stage's
 * steps FROM (only when the base is an image) then RUN/COPY/ADD/WORKDIR; so step k maps back.
 */
function locateFailure(step, graph, target) {
    const named = step.stage;
    const stage = (named !== null ? graph.stages.find(s => (0,dockerfile/* stageLabel */.Hn)(s) === named) : target) ?? null;
    const exit = /exit code: (\d+)/.exec(step.error ?? '');
    const location = {
        stage: step.stage ?? (0,dockerfile/* stageLabel */.Hn)(target),
        step: step.name,
        line: null,
        exitCode: exit ? Number(exit[1]) : null
    };
    if (!stage || step.index === null)
        return location;
    const numbered = stage.instructions.filter(i => STEP_KEYWORDS.has(i.keyword));
    const fromCounts = stage.baseStage === null && stage.base !== 'scratch';
    const position = step.index - (fromCounts ? 2 : 1);
    if (step.index === 1 && fromCounts) {
        location.line = stage.line;
    }
    else if (position >= 0 && position < numbered.length) {
        location.line = numbered[position]?.startLine ?? null;
    }
    if (location.line === null) {
        const keyword = step.name.split(/\s/, 1)[0]?.toUpperCase();
        location.line = numbered.find(i => i.keyword === keyword)?.startLine ?? null;
    }
    return location;
}
/** Output lines worth showing: the failing step's own output, else the build's last lines. */
function failureOutput(step, tail, limit) {
    const own = step?.logs.filter(l => l.trim() !== '') ?? [];
    const lines = own.length > 0 ? own : tail;
    return lines.slice(-limit);
}

;// CONCATENATED MODULE: ./src/build/progress.ts
// Reads BuildKit's `--progress=plain` output (and the legacy builder's `Step k/n`) into steps:
// which ran, which were CACHED, which failed and what they printed. Pure: fed line by line.
const KEEP_LOG_LINES = 200;
const VERTEX = /^#(\d+) (.*)$/;
const STEP_NAME = /^\[(?:([^\]\s]+) )?(\d+)\/(\d+)\] (.*)$/;
const LEGACY_STEP = /^Step (\d+)\/(\d+) : (.*)$/;
class ProgressReader {
    byId = new Map();
    legacyCurrent = null;
    /** Lines that belong to no step (BuildKit's closing error block, docker's own messages). */
    trailer = [];
    push(rawLine) {
        const line = rawLine.replace(/\r$/, '');
        const vertex = VERTEX.exec(line);
        if (vertex) {
            this.vertexLine(Number(vertex[1]), vertex[2] ?? '');
            return;
        }
        const legacy = LEGACY_STEP.exec(line);
        if (legacy) {
            const id = this.byId.size + 1;
            const step = newStep(id, legacy[3] ?? '');
            step.index = Number(legacy[1]);
            step.total = Number(legacy[2]);
            step.dockerfileStep = true;
            this.byId.set(id, step);
            if (this.legacyCurrent)
                this.legacyCurrent.done = true;
            this.legacyCurrent = step;
            return;
        }
        const current = this.legacyCurrent;
        if (current) {
            const failed = /^The command .* returned a non-zero code: (\d+)$/.exec(line);
            if (failed)
                current.error = `exit code: ${failed[1]}`;
            else if (/^ ---> Using cache$/.test(line))
                current.cached = true;
            else if (line.trim() !== '' &&
                !/^ ---> /.test(line) &&
                !/^Removing intermediate container/.test(line)) {
                appendLog(current, line);
            }
        }
        if (line.trim() !== '') {
            this.trailer.push(line);
            if (this.trailer.length > KEEP_LOG_LINES)
                this.trailer.shift();
        }
    }
    steps() {
        return [...this.byId.values()].sort((a, b) => a.id - b.id);
    }
    vertexLine(id, rest) {
        let step = this.byId.get(id);
        if (!step) {
            step = newStep(id, rest);
            const parsed = STEP_NAME.exec(rest);
            if (parsed) {
                step.stage = parsed[1] ?? null;
                step.index = Number(parsed[2]);
                step.total = Number(parsed[3]);
                step.name = parsed[4] ?? rest;
                step.dockerfileStep = true;
            }
            this.byId.set(id, step);
            return;
        }
        if (rest === 'CACHED') {
            step.cached = true;
            step.done = true;
            return;
        }
        const done = /^DONE (\d+(?:\.\d+)?)s$/.exec(rest);
        if (done) {
            step.done = true;
            step.seconds = Number(done[1]);
            return;
        }
        if (rest.startsWith('ERROR: ') || rest === 'ERROR') {
            step.error = rest.slice('ERROR: '.length).trim() || 'failed';
            return;
        }
        if (/^sha256:[0-9a-f]{64}$/.test(rest) || rest === 'CANCELED')
            return;
        // `0.123 output` is the step's own output; other lines are status (`exporting layers 0.1s done`).
        const output = /^\d+(?:\.\d+)? (.*)$/.exec(rest);
        appendLog(step, output ? (output[1] ?? '') : rest);
    }
}
function newStep(id, name) {
    return {
        id,
        name,
        stage: null,
        index: null,
        total: null,
        dockerfileStep: false,
        cached: false,
        done: false,
        error: null,
        seconds: null,
        logs: []
    };
}
function appendLog(step, line) {
    step.logs.push(line);
    if (step.logs.length > KEEP_LOG_LINES)
        step.logs.shift();
}
function parseProgress(lines) {
    const reader = new ProgressReader();
    for (const line of lines)
        reader.push(line);
    return reader;
}
/** The Dockerfile step that failed, or the first failed vertex of any kind. */
function failedStep(steps) {
    return steps.find(s => s.error !== null && s.dockerfileStep) ?? steps.find(s => s.error !== null);
}
/** How many Dockerfile steps ran and how many were cache hits, per stage, in order of first appearance. */
function countSteps(steps) {
    const counts = new Map();
    for (const step of steps) {
        if (!step.dockerfileStep || /^FROM /i.test(step.name))
            continue;
        let entry = counts.get(step.stage);
        if (!entry) {
            entry = { stage: step.stage, ran: 0, cached: 0 };
            counts.set(step.stage, entry);
        }
        if (step.cached)
            entry.cached++;
        else if (step.done || step.error !== null)
            entry.ran++;
    }
    return [...counts.values()];
}

;// CONCATENATED MODULE: ./src/build/run-build.ts







/** Lines of output shown with a failure, in the log and the summary. */
const FAILURE_LINES = 50;
/** Runs one `docker build` of one target and reads what happened from its plain progress output. */
async function runBuild(ctx, role, stage, base, cache) {
    const iidFile = external_node_path_default().join(ctx.workDir, `${role}.iid`);
    const metadataFile = external_node_path_default().join(ctx.workDir, `${role}.metadata.json`);
    const request = {
        ...base,
        target: stage.name ?? String(stage.index),
        iidFile,
        metadataFile: ctx.builder.kind === 'buildx' ? metadataFile : undefined,
        cacheFrom: cache.cacheFrom,
        cacheTo: cache.cacheTo,
        inlineCache: cache.inlineCache
    };
    const command = buildCommand(request, ctx.builder.kind);
    const reader = new ProgressReader();
    const started = performance.now();
    const result = await ctx.host.group(`Build the ${role} stage "${(0,dockerfile/* stageLabel */.Hn)(stage)}"`, async () => {
        ctx.host.info(`${ctx.builder.client} ${command.args.join(' ')}`);
        return run(ctx.builder.client, command.args, {
            env: { ...command.env, ...cache.env },
            onLine: line => {
                reader.push(line);
                if (ctx.host.streamBuildLog)
                    ctx.host.info(line);
            }
        });
    });
    const seconds = (performance.now() - started) / 1000;
    const steps = reader.steps();
    const outcome = {
        role,
        stage,
        ok: result.exitCode === 0,
        seconds,
        counts: countSteps(steps),
        imageId: null,
        digest: null,
        failure: null
    };
    if (!outcome.ok) {
        const step = failedStep(steps);
        const output = failureOutput(step, result.tail, FAILURE_LINES);
        if (step) {
            const where = locateFailure(step, ctx.graph, stage);
            const at = where.line !== null ? `${ctx.graph.file}:${where.line}` : ctx.graph.file;
            const code = where.exitCode !== null ? `exit code ${where.exitCode}` : (step.error ?? 'failed');
            outcome.failure = {
                ...where,
                output,
                message: `The ${role} build failed in stage "${where.stage}" at ${at}, step \`${where.step}\`: ${code}.`
            };
        }
        else {
            const last = result.tail.filter(l => l.trim() !== '').slice(-1)[0] ?? `exit code ${result.exitCode}`;
            outcome.failure = {
                stage: (0,dockerfile/* stageLabel */.Hn)(stage),
                step: '',
                line: null,
                exitCode: result.exitCode,
                output,
                message: `The ${role} build of stage "${(0,dockerfile/* stageLabel */.Hn)(stage)}" failed: ${last}`
            };
        }
        return outcome;
    }
    outcome.imageId = (await (0,promises_.readFile)(iidFile, 'utf8').catch(() => '')).trim() || null;
    if (request.metadataFile) {
        const metadata = await (0,promises_.readFile)(request.metadataFile, 'utf8').catch(() => '');
        outcome.digest = digestFromMetadata(metadata);
    }
    return outcome;
}
/** buildx's metadata file carries the pushed manifest's digest as `containerimage.digest`. */
function digestFromMetadata(json) {
    try {
        const value = JSON.parse(json)['containerimage.digest'];
        return typeof value === 'string' && value.startsWith('sha256:') ? value : null;
    }
    catch {
        return null;
    }
}
/** `docker push` prints `<tag>: digest: sha256:… size: N` at the end. */
function digestFromPushOutput(output) {
    const match = /digest: (sha256:[0-9a-f]{64})/.exec(output);
    return match ? (match[1] ?? null) : null;
}

;// CONCATENATED MODULE: ./src/gate/run-tests.ts




/** Runs `test-command` in a container of the tester image; the exit code decides. */
async function runTestCommand(host, builder, opts) {
    if (opts.reportsHostDir) {
        await (0,promises_.mkdir)(opts.reportsHostDir, { recursive: true });
        // Tests may run as a non-root USER of the image; they must be able to write their reports.
        await (0,promises_.chmod)(opts.reportsHostDir, 0o777);
    }
    const args = testRunCommand({ ...opts, name: `stagegate-tests-${process.pid}-${Date.now()}` });
    const started = performance.now();
    const result = await host.group('Run the tests in the tester image', async () => {
        host.info(`${builder.client} ${args.join(' ')}`);
        return run(builder.client, args, { onLine: line => host.info(line) });
    });
    return { exitCode: result.exitCode, seconds: (performance.now() - started) / 1000, tail: result.tail };
}
/**
 * Copies a folder out of an image without running it (`docker create` + `docker cp`), for reports
 * that the tester stage's RUN steps wrote. Returns false when the folder is not in the image.
 */
async function copyFromImage(builder, image, containerDir, hostDir) {
    const created = await run(builder.client, ['create', image, '/bin/true']);
    const id = created.stdout.trim();
    if (created.exitCode !== 0 || id === '')
        return false;
    try {
        await (0,promises_.mkdir)(hostDir, { recursive: true });
        const copied = await run(builder.client, ['cp', `${id}:${containerDir.replace(/\/?$/, '/.')}`, hostDir]);
        return copied.exitCode === 0;
    }
    finally {
        await run(builder.client, ['rm', '--force', id]);
    }
}
/** Every `*.xml` file below a folder (JUnit reports), with its text. */
async function readReportFiles(dir) {
    const entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
        .filter(e => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
        .map(e => external_node_path_default().join(e.parentPath, e.name))
        .sort();
    return Promise.all(files.map(async (file) => ({ path: external_node_path_default().relative(dir, file), xml: await (0,promises_.readFile)(file, 'utf8') })));
}

;// CONCATENATED MODULE: ./src/inputs.ts

/** Splits a list input: one item per line, or comma-separated on a line; blanks dropped. */
function parseList(raw) {
    return raw
        .split(/\r?\n/)
        .flatMap(line => line.split(','))
        .map(item => item.trim())
        .filter(item => item !== '');
}
/** Splits a line-only list (values may contain commas, e.g. cache-from specs). */
function parseLines(raw) {
    return raw
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line !== '' && !line.startsWith('#'));
}
/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; '' gives the default. */
function parseBoolean(name, raw, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors/* UserError */.y(`Input "${name}" must be true or false, got "${value}".`);
}
function parseChoice(name, raw, choices, fallback) {
    const value = raw.trim().toLowerCase();
    if (value === '')
        return fallback;
    if (choices.includes(value))
        return value;
    throw new errors/* UserError */.y(`Input "${name}" must be one of ${choices.join(', ')}; got "${raw.trim()}".`);
}
/** `KEY=value` lines (the value may contain `=` and commas). */
function parseKeyValues(name, raw) {
    return parseLines(raw).map((line, i) => {
        const eq = line.indexOf('=');
        const key = eq < 0 ? '' : line.slice(0, eq).trim();
        if (eq < 0 || key === '') {
            // Never echo the line: for `secrets` it may be a secret value.
            throw new errors/* UserError */.y(`Input "${name}", line ${i + 1}: expected KEY=value.`);
        }
        return [key, line.slice(eq + 1)];
    });
}
function parseInputs(get) {
    const testTarget = get('test-target').trim();
    const buildArgs = {};
    for (const [key, value] of parseKeyValues('build-args', get('build-args')))
        buildArgs[key] = value;
    const secrets = parseKeyValues('secrets', get('secrets')).map(([id, value]) => {
        if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
            throw new errors/* UserError */.y(`Input "secrets": the id "${id}" may only hold letters, digits, '_', '.' and '-'.`);
        }
        return { id, value };
    });
    const inputs = {
        context: get('context').trim() || '.',
        file: get('file').trim(),
        target: get('target').trim(),
        testTarget: testTarget.toLowerCase() === 'none' ? null : testTarget || 'tester',
        testCommand: get('test-command').trim(),
        testReports: get('test-reports').trim(),
        tags: parseList(get('tags')),
        labels: parseLines(get('labels')),
        buildArgs,
        secrets,
        platforms: parseList(get('platforms')),
        builder: get('builder').trim(),
        network: get('network').trim(),
        noCache: parseBoolean('no-cache', get('no-cache'), false),
        pull: parseBoolean('pull', get('pull'), false),
        push: parseBoolean('push', get('push'), false),
        cache: parseChoice('cache', get('cache'), ['auto', 'gha', 'registry', 'inline', 'none'], 'auto'),
        cacheRef: get('cache-ref').trim(),
        cacheFrom: parseLines(get('cache-from')),
        cacheTo: parseLines(get('cache-to')),
        createBuilder: parseBoolean('create-builder', get('create-builder'), true)
    };
    validateInputs(inputs);
    return inputs;
}
function validateInputs(inputs) {
    if (inputs.push && inputs.tags.length === 0) {
        throw new errors/* UserError */.y('Input "push" is true but no "tags" were given: name at least one tag to push to.');
    }
    if (inputs.testTarget === null && (inputs.testCommand !== '' || inputs.testReports !== '')) {
        throw new errors/* UserError */.y('Input "test-target" is none, so "test-command" and "test-reports" would never run: remove them or name the tester stage.');
    }
    if (inputs.testReports !== '' && !inputs.testReports.startsWith('/')) {
        throw new errors/* UserError */.y(`Input "test-reports" must be an absolute path inside the container, got "${inputs.testReports}".`);
    }
    if (inputs.cache === 'registry' && inputs.cacheRef === '') {
        throw new errors/* UserError */.y('Input "cache" is registry but "cache-ref" is empty: name an image reference to hold the cache.');
    }
    for (const tag of inputs.tags) {
        if (/\s/.test(tag) || tag.startsWith('-'))
            throw new errors/* UserError */.y(`Input "tags": "${tag}" is not an image reference.`);
    }
}

// EXTERNAL MODULE: ./src/plan.ts
var src_plan = __webpack_require__(464);
;// CONCATENATED MODULE: ./src/text.ts
/** Escapes text for inline markdown and HTML (table cells included): it renders as the same characters. */
function escapeInline(text) {
    return text
        .replace(/[\r\n]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1')
        .replace(/@(?=\w)/g, '@\u200b');
}

;// CONCATENATED MODULE: ./src/summary.ts


const OUTCOME_ICON = { passed: '✅', failed: '❌', skipped: '⏭️' };
function testResultLine(tests) {
    const how = tests.mode === 'command'
        ? 'test command in the tester image'
        : tests.mode === 'build'
            ? 'tester stage build'
            : '';
    const counts = tests.tests !== undefined
        ? ` — ${tests.passed ?? 0} passed, ${tests.failed ?? 0} failed` +
            (tests.errors ? `, ${tests.errors} errors` : '') +
            (tests.skipped ? `, ${tests.skipped} skipped` : '')
        : '';
    const time = tests.durationMs !== undefined ? ` in ${(tests.durationMs / 1000).toFixed(1)} s` : '';
    if (tests.outcome === 'skipped')
        return `${OUTCOME_ICON.skipped} Tests skipped (test-target: none)`;
    return `${OUTCOME_ICON[tests.outcome]} Tests ${tests.outcome}${how ? ` (${how})` : ''}${counts}${time}`;
}
function renderBuildSummary(input) {
    const lines = ['## stagegate', '', testResultLine(input.tests), ''];
    if (input.failure) {
        lines.push(`**${escapeInline(input.failure.message)}**`, '');
        if (input.failure.output.length > 0) {
            lines.push(`Last ${input.failure.output.length} lines of output:`, '', fence(input.failure.output.join('\n')), '');
        }
        lines.push('Nothing was pushed.', '');
    }
    if (input.builds.length > 0) {
        lines.push('| Build | Target | Stages | Time | Steps run | Steps cached |', '| --- | --- | --- | --- | --- | --- |');
        for (const build of input.builds) {
            const ran = build.counts.reduce((n, c) => n + c.ran, 0);
            const cached = build.counts.reduce((n, c) => n + c.cached, 0);
            const stages = (input.stagesByRole[build.role] ?? [(0,dockerfile/* stageLabel */.Hn)(build.stage)])
                .map(s => escapeInline(s))
                .join(' → ');
            const status = build.ok ? '' : ' ❌';
            lines.push(`| ${build.role}${status} | ${escapeInline((0,dockerfile/* stageLabel */.Hn)(build.stage))} | ${stages} | ${build.seconds.toFixed(1)} s | ${ran} | ${cached} |`);
        }
        lines.push('', `Builder: ${escapeInline(input.builder)}`, '');
    }
    if (input.image) {
        const { id, digest, tags, pushed } = input.image;
        lines.push(`Image: \`${id ?? 'unknown'}\`${digest ? `, digest \`${digest}\`` : ''}`);
        if (tags.length > 0) {
            lines.push(`${pushed ? 'Pushed' : 'Tagged (not pushed)'}: ${tags.map(t => `\`${escapeCode(t)}\``).join(', ')}`);
        }
        else {
            lines.push('Not tagged, not pushed.');
        }
        lines.push('');
    }
    return lines.join('\n');
}
function escapeCode(text) {
    return text.replace(/`/g, "'");
}
/** A code fence longer than any backtick run inside, so output cannot close it. */
function fence(text) {
    const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), m => m[0].length));
    const marks = '`'.repeat(longest + 1);
    return `${marks}text\n${text}\n${marks}`;
}

;// CONCATENATED MODULE: ./src/redact.ts
/** Replaces every secret value in a text with `***`, longest first so overlapping values stay hidden. */
function redact(text, secrets) {
    let out = text;
    for (const value of [...secrets].sort((a, b) => b.length - a.length)) {
        if (value !== '')
            out = out.split(value).join('***');
    }
    return out;
}
/**
 * A host that hides secret values in everything it prints, writes or outputs. The runner masks
 * values after `::add-mask::` too, but a terminal (the CLI) does not, and a mask must not depend
 * on who reads the log.
 */
function redactingHost(host, secrets) {
    if (secrets.every(s => s === ''))
        return host;
    const hide = (text) => redact(text, secrets);
    return {
        ...host,
        info: message => host.info(hide(message)),
        warning: (message, where) => host.warning(hide(message), where),
        error: (message, where) => host.error(hide(message), where),
        group: (name, fn) => host.group(hide(name), fn),
        setOutput: (name, value) => host.setOutput(name, hide(value)),
        appendSummary: markdown => host.appendSummary(hide(markdown))
    };
}

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 26 modules
var XMLParser = __webpack_require__(658);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/fxp.js
var fxp = __webpack_require__(824);
;// CONCATENATED MODULE: ./src/gate/junit.ts
// JUnit XML reports: counts and failing cases for the report, and annotations that point at the
// failing lines. Covers the common dialects: jest-junit, pytest, go-junit-report, Maven surefire,
// mocha-junit-reporter (a `<testsuites>` root or a single `<testsuite>`, suites nested or not).


/** A test report that cannot be read: not XML at all, or XML that is not a JUnit report. */
class JUnitReportError extends errors/* UserError */.y {
    file;
    reason;
    constructor(file, reason, detail) {
        super(`Test report ${file}: ${detail}`);
        this.file = file;
        this.reason = reason;
        this.name = 'JUnitReportError';
    }
}
const ARRAYS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped']);
const SKIPPED_STATUS = new Set(['skipped', 'disabled', 'notrun', 'ignored']);
const MAX_MESSAGE = 1000;
const parser = new XMLParser/* default */.A({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: '$',
    alwaysCreateTextNode: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: name => ARRAYS.has(name)
});
/** Counts and failing cases of one JUnit report; `source` names the file in errors. */
function parseJUnit(xml, source) {
    const valid = fxp/* XMLValidator */.iI.validate(xml);
    if (valid !== true) {
        const { msg, line } = valid.err;
        throw new JUnitReportError(source, 'invalid-xml', `not valid XML (line ${line}: ${msg.replace(/\.$/, '')}). Is it a JUnit XML report?`);
    }
    const doc = parser.parse(xml);
    const root = (doc.testsuites ?? firstOf(doc.testsuite));
    if (!isElement(root)) {
        const name = Object.keys(doc).find(k => !k.startsWith('?')) ?? 'none';
        throw new JUnitReportError(source, 'not-junit', `root element is <${name}>, not <testsuites> or <testsuite>.`);
    }
    const suites = doc.testsuites ? junit_elements(root.testsuite) : [root];
    const cases = [];
    const leaves = [];
    const walk = (suite) => {
        for (const testcase of junit_elements(suite.testcase))
            cases.push({ testcase, suite });
        const nested = junit_elements(suite.testsuite);
        if (nested.length === 0)
            leaves.push(suite);
        nested.forEach(walk);
    };
    suites.forEach(walk);
    if (cases.length === 0) {
        // Only counts are given (or nothing ran): trust the suite attributes, the root's last.
        return { ...countsFromAttributes(leaves.length > 0 ? leaves : [root]), failures: [] };
    }
    const counts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
    const failures = [];
    for (const { testcase, suite } of cases) {
        counts.tests++;
        const failure = firstOf(testcase.failure);
        const error = firstOf(testcase.error);
        if (failure || error) {
            const kind = failure ? 'failure' : 'error';
            counts[kind === 'failure' ? 'failed' : 'errors']++;
            failures.push(describeFailure(testcase, suite, (failure ?? error), kind));
        }
        else if (testcase.skipped !== undefined ||
            SKIPPED_STATUS.has(attr(testcase, 'status')?.toLowerCase() ?? '')) {
            counts.skipped++;
        }
        else {
            counts.passed++;
        }
    }
    return { ...counts, failures };
}
function countsFromAttributes(suites) {
    const counts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
    for (const suite of suites) {
        counts.tests += junit_int(attr(suite, 'tests'));
        counts.failed += junit_int(attr(suite, 'failures'));
        counts.errors += junit_int(attr(suite, 'errors'));
        counts.skipped += junit_int(attr(suite, 'skipped')) + junit_int(attr(suite, 'disabled'));
    }
    counts.passed = Math.max(0, counts.tests - counts.failed - counts.errors - counts.skipped);
    return counts;
}
function describeFailure(testcase, suite, failure, kind) {
    const text = stripAnsi(typeof failure === 'object' ? (failure['#text'] ?? '') : String(failure));
    const message = attr(failure, 'message')?.trim() || firstLines(text) || undefined;
    const result = { name: attr(testcase, 'name') ?? '(unnamed test)', kind };
    const classname = attr(testcase, 'classname');
    if (classname)
        result.classname = classname;
    if (message)
        result.message = clip(stripAnsi(message), MAX_MESSAGE);
    const fromText = locationIn(text, attr(testcase, 'classname'));
    const file = attr(testcase, 'file') || attr(suite, 'file');
    let line = junit_int(attr(testcase, 'line'), NaN);
    // pytest (xunit1) writes the 0-based line of the test's `def`.
    if (!Number.isNaN(line) && attr(suite, 'name') === 'pytest')
        line += 1;
    if (file) {
        result.file = cleanPath(file);
        // The failing line inside the same file is more precise than where the test starts.
        if (fromText && sameFile(fromText.file, result.file))
            line = fromText.line;
        if (Number.isInteger(line) && line > 0)
            result.line = line;
    }
    else if (fromText) {
        result.file = fromText.file;
        result.line = fromText.line;
    }
    return result;
}
const LOCATION = /(?:^|[\s("'[=])((?:file:\/\/)?[A-Za-z0-9_.@/\\-]*[A-Za-z0-9_-]\.[A-Za-z][A-Za-z0-9]{0,5}):(\d+)/gm;
/**
 * The first `path:line` in failure text that is not a dependency or a runtime internal. With a
 * classname (`com.acme.PriceTest`), a frame in that class's file (`PriceTest.java:27`) wins over
 * earlier library frames such as an assertion helper's.
 */
function locationIn(text, classname) {
    const found = [];
    for (const match of text.matchAll(LOCATION)) {
        const file = cleanPath(match[1] ?? '');
        const line = Number(match[2]);
        if (/(^|\/)node_modules\/|^node:|^internal\//.test(file) || line <= 0)
            continue;
        found.push({ file, line });
    }
    const owner = classname?.split(/[.$/]/).filter(Boolean).pop();
    const own = owner ? found.find(l => (l.file.split('/').pop() ?? '').split('.')[0] === owner) : undefined;
    return own ?? found[0];
}
function cleanPath(file) {
    return file
        .trim()
        .replace(/^file:\/\//, '')
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '');
}
function sameFile(a, b) {
    return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}
/** Merges several reports; files that are XML but not JUnit are listed in `ignored`. */
function summarizeReports(files) {
    const summary = {
        tests: 0,
        passed: 0,
        failed: 0,
        errors: 0,
        skipped: 0,
        failures: [],
        files: [],
        ignored: []
    };
    for (const file of files) {
        let report;
        try {
            report = parseJUnit(file.xml, file.path);
        }
        catch (error) {
            if (error instanceof JUnitReportError && error.reason === 'not-junit') {
                summary.ignored.push(file.path);
                continue;
            }
            throw error;
        }
        summary.files.push(file.path);
        summary.tests += report.tests;
        summary.passed += report.passed;
        summary.failed += report.failed;
        summary.errors += report.errors;
        summary.skipped += report.skipped;
        summary.failures.push(...report.failures);
    }
    return summary;
}
/**
 * GitHub shows at most 10 error annotations per step (50 per job), so the default keeps to 10:
 * the first failing cases, and when there are more, a last annotation that counts the rest.
 */
const MAX_ANNOTATIONS = 10;
function junitAnnotations(summary, limit = MAX_ANNOTATIONS) {
    const all = summary.failures;
    const shown = all.length > limit ? all.slice(0, Math.max(0, limit - 1)) : all;
    const annotations = shown.map(f => {
        const who = f.classname && !f.name.includes(f.classname) ? `${f.classname} › ${f.name}` : f.name;
        const annotation = {
            title: clip(`${f.kind === 'error' ? 'Test error' : 'Test failed'}: ${who}`, 200),
            message: f.message ?? `${who} ${f.kind === 'error' ? 'raised an error' : 'failed'}.`
        };
        if (f.file)
            annotation.file = f.file;
        if (f.file && f.line)
            annotation.startLine = f.line;
        return annotation;
    });
    const rest = all.length - shown.length;
    if (rest > 0) {
        annotations.push({
            title: `${rest} more failing tests`,
            message: `${rest} more failing tests are not annotated; the job summary and the test reports list them all.`
        });
    }
    return annotations;
}
function isElement(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function junit_elements(value) {
    return Array.isArray(value) ? value.filter(isElement) : isElement(value) ? [value] : [];
}
function firstOf(value) {
    if (Array.isArray(value))
        return value.length > 0 ? (isElement(value[0]) ? value[0] : {}) : undefined;
    return isElement(value) ? value : undefined;
}
function attr(element, name) {
    return isElement(element) ? element.$?.[name] : undefined;
}
function junit_int(value, fallback = 0) {
    const n = Number.parseInt(value ?? '', 10);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
}
function stripAnsi(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}
/** The first three non-empty lines: enough to say what failed without the whole stack. */
function firstLines(text) {
    return text
        .split('\n')
        .map(l => l.trim())
        .filter(l => l !== '' && !/^at\s/.test(l))
        .slice(0, 3)
        .join('\n');
}
function clip(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

;// CONCATENATED MODULE: ./src/gate/tests.ts

/**
 * The test outcome from what the tests left behind. The exit code decides; reports add counts
 * and failing cases, and a report that records failures fails the gate even when the command
 * exited 0 (runners that swallow their exit code).
 */
function decideTests(evidence) {
    const summary = {
        outcome: evidence.exitCode === 0 ? 'passed' : 'failed',
        mode: evidence.mode,
        failures: [],
        durationMs: evidence.durationMs
    };
    if (evidence.reports.length === 0)
        return summary;
    const junit = summarizeReports(evidence.reports);
    if (junit.files.length === 0)
        return summary;
    Object.assign(summary, {
        tests: junit.tests,
        passed: junit.passed,
        failed: junit.failed,
        errors: junit.errors,
        skipped: junit.skipped,
        failures: junit.failures
    });
    if (junit.failed + junit.errors > 0)
        summary.outcome = 'failed';
    return summary;
}
/** decideTests, plus the failing cases as error annotations on the runner. */
function summarizeTests(evidence) {
    const summary = decideTests(evidence);
    for (const annotation of junitAnnotations(summary)) {
        evidence.host.error(annotation.message, {
            title: annotation.title,
            file: annotation.file,
            startLine: annotation.startLine
        });
    }
    return summary;
}

;// CONCATENATED MODULE: ./src/pipeline.ts
// The whole run: read the Dockerfile, gate on the tester stage, ship the runtime stage, report.
// The same function runs as the action (src/main.ts) and as `stagegate run` (src/commands/run.ts).

















/** The run failed for a reason already shown in the log and summary (a failing test, a failing build). */
class PipelineFailure extends errors/* UserError */.y {
    result;
    constructor(message, result) {
        super(message);
        this.result = result;
        this.name = 'PipelineFailure';
    }
}
/** The native platform as BuildKit names it, for the automatic platform ARGs. */
function nativePlatform(arch = process.arch) {
    const map = {
        x64: 'amd64',
        arm64: 'arm64',
        arm: 'arm/v7',
        ia32: '386',
        ppc64: 'ppc64le',
        s390x: 's390x'
    };
    return `linux/${map[arch] ?? arch}`;
}
async function loadDockerfile(inputs, cwd) {
    const context = external_node_path_default().resolve(cwd, inputs.context);
    const file = inputs.file ? external_node_path_default().resolve(cwd, inputs.file) : external_node_path_default().join(context, 'Dockerfile');
    const display = external_node_path_default().relative(cwd, file) || file;
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'EISDIR') {
            throw new errors/* UserError */.y(`Dockerfile not found: ${display}. Set "file" to its path (relative to the workspace), or "context" to the folder that holds it.`);
        }
        throw error;
    }
    const graph = (0,dockerfile/* readDockerfile */.n_)(text, {
        file: display,
        buildArgs: inputs.buildArgs,
        platform: inputs.platforms[0] ?? nativePlatform()
    });
    return { context, file, graph };
}
/** Image name for cache scopes and local tags: the first tag's repository, else the context folder. */
function imageNameOf(tags, context) {
    const first = tags[0];
    if (first) {
        const withoutDigest = first.split('@')[0] ?? first;
        const lastSlash = withoutDigest.lastIndexOf('/');
        const colon = withoutDigest.indexOf(':', lastSlash + 1);
        return colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
    }
    return (external_node_path_default().basename(context)
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-') || 'image');
}
/** A local tag for the tester image: stable per image (reruns replace it), never pushed. */
function testerTagFor(imageName) {
    const short = (imageName.split('/').pop() ?? 'image').toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'image';
    const hash = (0,external_node_crypto_.createHash)('sha256').update(imageName).digest('hex').slice(0, 8);
    return `stagegate/${short}:tester-${hash}`;
}
async function runPipeline(rawHost, cwd = process.cwd()) {
    const inputs = parseInputs(name => rawHost.input(name));
    for (const secret of inputs.secrets)
        if (secret.value !== '')
            rawHost.setSecret(secret.value);
    const host = redactingHost(rawHost, inputs.secrets.map(s => s.value));
    const { context, file, graph } = await loadDockerfile(inputs, cwd);
    const plan = (0,src_plan/* planBuild */.C7)(graph, {
        target: inputs.target || undefined,
        testTarget: inputs.testTarget ?? 'none'
    });
    const builder = await detectBuilder(host.env);
    host.info(`Builder: ${builder.kind}: ${builder.reason}.`);
    if (builder.kind === 'legacy')
        host.warning(`Using the legacy builder: ${builder.reason}.`);
    const workDir = await (0,promises_.mkdtemp)(external_node_path_default().join(host.env.RUNNER_TEMP || external_node_os_default().tmpdir(), 'stagegate-'));
    try {
        return await runStages(host, inputs, { context, file, graph, plan, builder, workDir });
    }
    finally {
        await (0,promises_.rm)(workDir, { recursive: true, force: true });
    }
}
async function runStages(host, inputs, run_) {
    const { graph, plan, builder, workDir } = run_;
    const secretFiles = await writeSecrets(host, inputs, workDir);
    const imageName = imageNameOf(inputs.tags, run_.context);
    const targets = [plan.tester, plan.runtime].filter(s => s !== null).map(s => s.name ?? String(s.index));
    const cacheMode = resolveCacheMode({
        mode: inputs.cache,
        builder: builder.kind,
        env: host.env,
        cacheRef: inputs.cacheRef
    });
    host.info(`Cache: ${cacheMode}${inputs.cache === 'auto' ? ' (auto)' : ''}.`);
    const { builderName, canExport } = await prepareBuildx(host, inputs, builder, cacheMode);
    const ctx = { host, builder, graph, workDir };
    const base = {
        context: run_.context,
        file: run_.file,
        tags: [],
        labels: inputs.labels,
        buildArgs: inputs.buildArgs,
        secretFiles,
        platforms: inputs.platforms,
        network: inputs.network,
        noCache: inputs.noCache,
        pull: inputs.pull,
        push: false,
        load: false,
        builder: builderName || undefined
    };
    const cacheFor = (target) => planCache({
        mode: inputs.cache,
        builder: builder.kind,
        env: host.env,
        imageName,
        target,
        targets,
        cacheRef: inputs.cacheRef,
        cacheFrom: inputs.cacheFrom,
        cacheTo: inputs.cacheTo,
        canExport
    });
    const builds = [];
    const stagesByRole = {
        tester: plan.testerStages.map(dockerfile/* stageLabel */.Hn),
        runtime: plan.runtimeStages.map(dockerfile/* stageLabel */.Hn)
    };
    const result = {
        testOutcome: 'skipped',
        tests: { outcome: 'skipped', mode: 'none', failures: [] },
        imageId: null,
        digest: null,
        tags: inputs.tags,
        pushed: false,
        builds,
        testerImage: null
    };
    const fail = async (message, output) => {
        await host.appendSummary(renderBuildSummary({
            builder: builder.kind,
            builds,
            stagesByRole,
            tests: result.tests,
            failure: { message, output },
            image: null
        }));
        throw new PipelineFailure(message, result);
    };
    // Cache images (classic registry cache) are pushed only once the tests passed and the runtime built.
    const cachePushes = [];
    // 1. Gate: the tester stage, then the tests inside it.
    if (plan.tester) {
        const testerTag = testerTagFor(imageName);
        const cache = cacheFor(plan.tester.name ?? String(plan.tester.index));
        const testerBuild = await runBuild(ctx, 'tester', plan.tester, { ...base, tags: [testerTag], load: true }, cache);
        builds.push(testerBuild);
        if (testerBuild.ok)
            result.testerImage = testerTag;
        const mode = inputs.testCommand ? 'command' : 'build';
        if (!testerBuild.ok) {
            const failure = testerBuild.failure;
            result.testOutcome = 'failed';
            result.tests = {
                outcome: 'failed',
                mode: 'build',
                failures: [],
                durationMs: testerBuild.seconds * 1000
            };
            host.error(failure?.message ?? 'The tester build failed.', {
                title: 'stagegate: tests failed',
                file: graph.file,
                startLine: failure?.line ?? undefined
            });
            host.info(`Last lines of the failing step:\n${failure?.output.join('\n') ?? ''}`);
            return fail(failure?.message ?? 'The tester build failed.', failure?.output ?? []);
        }
        let exitCode = 0;
        let tail = [];
        let durationMs = testerBuild.seconds * 1000;
        const reportsDir = external_node_path_default().join(workDir, 'reports');
        if (inputs.testCommand) {
            const outcome = await runTestCommand(host, builder, {
                image: testerTag,
                command: inputs.testCommand,
                network: inputs.network,
                reportsHostDir: inputs.testReports ? reportsDir : undefined,
                reportsContainerDir: inputs.testReports || undefined
            });
            exitCode = outcome.exitCode;
            tail = outcome.tail;
            durationMs = outcome.seconds * 1000;
        }
        else if (inputs.testReports) {
            const found = await copyFromImage(builder, testerTag, inputs.testReports, reportsDir);
            if (!found)
                host.warning(`No test reports at ${inputs.testReports} in the tester image.`);
        }
        const reports = inputs.testReports ? await readReportFiles(reportsDir) : [];
        if (inputs.testReports && reports.length === 0) {
            host.warning(`test-reports: no JUnit XML files were found in ${inputs.testReports}.`);
        }
        result.tests = summarizeTests({ mode, exitCode, durationMs, reports, host });
        result.testOutcome = result.tests.outcome;
        if (result.tests.outcome === 'failed') {
            const message = mode === 'command'
                ? `The test command failed with exit code ${exitCode} in the tester image (stage "${(0,dockerfile/* stageLabel */.Hn)(plan.tester)}").`
                : `The test reports of stage "${(0,dockerfile/* stageLabel */.Hn)(plan.tester)}" record failures.`;
            host.error(message, { title: 'stagegate: tests failed' });
            const output = tail.slice(-50);
            if (output.length > 0)
                host.info(`Last lines of the test output:\n${output.join('\n')}`);
            return fail(message, output);
        }
        if (cache.pushCacheImage && testerBuild.imageId)
            cachePushes.push({ imageId: testerBuild.imageId, ref: cache.pushCacheImage });
    }
    // 2. Ship: the runtime stage on the same builder, so the stages it shares with the tester are cache hits.
    const runtimeCache = cacheFor(plan.runtime.name ?? String(plan.runtime.index));
    const pushInBuild = inputs.push && builder.kind === 'buildx';
    const runtimeBuild = await runBuild(ctx, 'runtime', plan.runtime, { ...base, tags: inputs.tags, push: pushInBuild, load: !pushInBuild }, runtimeCache);
    builds.push(runtimeBuild);
    if (!runtimeBuild.ok) {
        const failure = runtimeBuild.failure;
        host.error(failure?.message ?? 'The runtime build failed.', {
            title: 'stagegate: build failed',
            file: graph.file,
            startLine: failure?.line ?? undefined
        });
        return fail(failure?.message ?? 'The runtime build failed.', failure?.output ?? []);
    }
    result.imageId = runtimeBuild.imageId;
    result.digest = runtimeBuild.digest;
    if (inputs.push && !pushInBuild) {
        result.digest = await pushTags(host, builder, inputs.tags);
    }
    if (runtimeCache.pushCacheImage && runtimeBuild.imageId) {
        cachePushes.push({ imageId: runtimeBuild.imageId, ref: runtimeCache.pushCacheImage });
    }
    for (const { imageId, ref } of cachePushes)
        await pushCacheImage(host, builder, imageId, ref);
    result.pushed = inputs.push;
    await host.appendSummary(renderBuildSummary({
        builder: builder.kind,
        builds,
        stagesByRole,
        tests: result.tests,
        failure: null,
        image: { id: result.imageId, digest: result.digest, tags: inputs.tags, pushed: result.pushed }
    }));
    return result;
}
/**
 * On buildx, cache export needs a driver that can do it: the plain docker driver cannot, so
 * stagegate creates a docker-container builder unless `create-builder: false`.
 */
async function prepareBuildx(host, inputs, builder, cacheMode) {
    const exports = cacheMode === 'gha' || cacheMode === 'registry' || inputs.cacheTo.length > 0;
    if (builder.kind !== 'buildx' || !exports)
        return { builderName: inputs.builder, canExport: true };
    const { driver, containerdStore } = await inspectDriver(builder, inputs.builder);
    const wanted = { mode: cacheMode, driver, containerdStore, rawCacheTo: inputs.cacheTo.length > 0 };
    if (needsContainerBuilder({ ...wanted, createBuilder: inputs.createBuilder })) {
        const created = await ensureContainerBuilder(host, builder);
        if (created) {
            host.info(`The buildx builder uses the docker driver, which cannot export ${cacheMode} cache: using the docker-container builder "${created}" (set create-builder: false to keep yours).`);
            return { builderName: created, canExport: true };
        }
        return { builderName: inputs.builder, canExport: false };
    }
    const canExport = !needsContainerBuilder({ ...wanted, createBuilder: true });
    return { builderName: inputs.builder, canExport };
}
/** Secret values go to 0600 files passed with `--secret` (masked by runPipeline); never to build args. */
async function writeSecrets(host, inputs, workDir) {
    const files = [];
    for (const secret of inputs.secrets) {
        const src = external_node_path_default().join(workDir, `secret-${files.length}`);
        await (0,promises_.writeFile)(src, secret.value, { mode: 0o600 });
        files.push({ id: secret.id, src });
    }
    return files;
}
async function pushTags(host, builder, tags) {
    let digest = null;
    for (const tag of tags) {
        const pushed = await host.group(`Push ${tag}`, () => run(builder.client, ['push', tag], { onLine: l => host.info(l) }));
        if (pushed.exitCode !== 0) {
            const why = pushed.tail
                .filter(l => l.trim() !== '')
                .slice(-3)
                .join('\n');
            throw new errors/* UserError */.y(`Pushing ${tag} failed:\n${why}\nCheck that you are logged in to the registry (docker/login-action).`);
        }
        digest ??= digestFromPushOutput(pushed.stdout);
    }
    return digest;
}
async function pushCacheImage(host, builder, imageId, ref) {
    await run(builder.client, ['tag', imageId, ref]);
    const pushed = await run(builder.client, ['push', ref]);
    if (pushed.exitCode !== 0)
        host.warning(`Could not push the cache image ${ref}; the next run builds without it.`);
}

;// CONCATENATED MODULE: ./src/commands/run.ts
// `stagegate run`: the action's pipeline on a laptop. Flags are the action's inputs
// (`--tags`, `--test-command`, ...); the log goes to stderr, outputs to stdout.





const RUN_USAGE = `Usage: stagegate run [options]

Runs the action's pipeline here: builds the tester stage, runs the tests, builds (and with
--push pushes) the runtime stage. Every action input is a flag of the same name:

  --context DIR            build context (default .)
  -f, --file PATH          Dockerfile (default DIR/Dockerfile)
  --target NAME            runtime stage (default: the last stage)
  --test-target NAME       tester stage (default tester; none to skip the tests)
  --test-command CMD       run CMD in a container of the tester image
  --test-reports DIR       JUnit folder inside the tester container or image
  -t, --tag REF            image reference (repeatable)
  --push                   push the runtime image once tests passed
  --build-arg K=V          build argument (repeatable)
  --secret ID=VALUE        BuildKit secret (repeatable; hidden in all output)
  --label K=V, --platform P, --builder NAME, --network MODE, --no-cache, --pull
  --cache MODE, --cache-ref REF, --cache-from SPEC, --cache-to SPEC, --create-builder BOOL

  --summary FILE           write the job summary markdown to FILE
  --json                   print the outputs as one JSON object
  --quiet                  do not stream the build log
`;
/** Parses `run` flags into action input values. Pure. */
function parseRunArgs(argv) {
    const known = new Set(ACTION_INPUTS);
    const repeatable = new Set(REPEATABLE_INPUTS);
    const booleans = new Set(BOOLEAN_INPUTS);
    const values = {};
    const parsed = { inputs: {}, json: false, quiet: false, summaryFile: null };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        const match = /^--?([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
        if (!match)
            throw new errors/* UserError */.y(`Unexpected argument "${arg}". See stagegate run --help.`);
        const flag = match[1] ?? '';
        let inline = match[2];
        if (flag === 'json' || flag === 'quiet') {
            parsed[flag] = true;
            continue;
        }
        const name = INPUT_ALIASES[flag] ?? flag;
        if (flag === 'summary') {
            parsed.summaryFile = inline ?? argv[++i] ?? '';
            if (!parsed.summaryFile)
                throw new errors/* UserError */.y('--summary needs a file name.');
            continue;
        }
        if (!known.has(name))
            throw new errors/* UserError */.y(`Unknown option --${flag}. See stagegate run --help.`);
        if (booleans.has(name) && inline === undefined) {
            const next = argv[i + 1];
            inline = next === 'true' || next === 'false' ? (i++, next) : 'true';
        }
        const value = inline ?? argv[++i];
        if (value === undefined)
            throw new errors/* UserError */.y(`--${flag} needs a value.`);
        if (!repeatable.has(name) && values[name])
            throw new errors/* UserError */.y(`--${flag} was given twice; it takes one value.`);
        (values[name] ??= []).push(value);
    }
    for (const [name, list] of Object.entries(values))
        parsed.inputs[name] = list.join('\n');
    return parsed;
}
function terminalHost(args, io, outputs, summary) {
    const where = (w) => w?.file ? `${w.file}${w.startLine ? `:${w.startLine}` : ''}: ` : '';
    return {
        input: name => args.inputs[name] ?? '',
        info: message => io.stderr(`${message}\n`),
        warning: (message, w) => io.stderr(`warning: ${where(w)}${message}\n`),
        error: (message, w) => io.stderr(`error: ${where(w)}${message}\n`),
        group: async (name, fn) => {
            io.stderr(`\n▶ ${name}\n`);
            return fn();
        },
        setOutput: (name, value) => {
            outputs[name] = value;
        },
        setSecret: () => undefined, // redactingHost hides the values; there is no runner to tell
        appendSummary: async (markdown) => {
            summary.push(markdown);
        },
        streamBuildLog: !args.quiet,
        env: io.env
    };
}
async function runCommand(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
        io.stdout(RUN_USAGE);
        return 0;
    }
    const args = parseRunArgs(argv);
    const outputs = {};
    const summary = [];
    const host = terminalHost(args, io, outputs, summary);
    let code = 0;
    try {
        const result = await runPipeline(host, io.cwd);
        Object.assign(outputs, outputValues(result));
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.y))
            throw error;
        if (error instanceof PipelineFailure)
            Object.assign(outputs, outputValues(error.result));
        io.stderr(`error: ${error.message}\n`);
        code = 1;
    }
    if (args.summaryFile)
        await (0,promises_.writeFile)(args.summaryFile, summary.join('\n'));
    if (args.json)
        io.stdout(`${JSON.stringify(outputs, null, 2)}\n`);
    else
        for (const [name, value] of Object.entries(outputs))
            io.stdout(`${name}=${value.includes('\n') ? JSON.stringify(value) : value}\n`);
    return code;
}


/***/ })

};
